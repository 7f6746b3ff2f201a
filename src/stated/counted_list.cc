#include "stated/counted_list.h"

namespace alley::stated {

Result<CountedList> counted_list(const catalog::Catalog& catalog, const std::string& resource,
                                 const std::string& filter) {
  CountedList list;
  list.resource = catalog.find(resource);
  if (!list.resource) return Error::invalid("there is no resource called " + resource);
  std::size_t start = 0;
  while (start < filter.size()) {
    std::size_t end = filter.find('&', start);
    if (end == std::string::npos) end = filter.size();
    const std::string pair = filter.substr(start, end - start);
    start = end + 1;
    const std::size_t equals = pair.find('=');
    if (equals == std::string::npos || equals == 0)
      return Error::invalid("each filter is field=value, not '" + pair + "'");
    const std::string field = pair.substr(0, equals);
    const records::FieldSpec* spec = list.resource->find(field);
    if (!spec || !spec->filterable || !spec->is_public)
      return Error::invalid(field + " is not a public field " + resource + " can be filtered by");
    list.filters.emplace_back(field, pair.substr(equals + 1));
  }
  return list;
}

}  // namespace alley::stated
