#include "http/list_query.h"

#include <algorithm>

#include "http/handler_support.h"
#include "http/query_string.h"

namespace alley::http {
namespace {

// Parameters every list understands; the rest are filters.
const std::vector<std::string> kListControls = {"limit", "cursor", "offset", "sort", "lang", "datum"};

}  // namespace

Result<records::ListQuery> list_query(const HttpRequest& request) {
  auto pairs = parse_query(request.query);
  if (!pairs) return Error::malformed("the query string has a broken %-escape or is not UTF-8");
  records::ListQuery query;
  for (const auto& [key, value] : *pairs) {
    PageWindow window{query.limit, query.offset};
    Result<bool> paging = read_page_control(key, value, window);
    if (!paging) return paging.error();
    if (paging.value()) {
      query.limit = window.limit;
      query.offset = window.offset;
      query.paged = true;
    } else if (key == "sort") {
      query.sort = value;
    } else if (std::find(kListControls.begin(), kListControls.end(), key) == kListControls.end()) {
      query.filters.emplace_back(key, value);
    }
  }
  return query;
}

}  // namespace alley::http
