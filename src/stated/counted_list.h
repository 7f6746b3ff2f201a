#pragma once
// Which records a stated figure is compared with: a resource and list
// filters ("kind=enterprise"), checked against the catalog so that a figure
// can only count public, filterable fields of a resource that exists.

#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"
#include "core/error.h"

namespace alley::stated {

struct CountedList {
  const records::ResourceSchema* resource = nullptr;
  std::vector<std::pair<std::string, std::string>> filters;
};

// Invalid, naming the problem, when the resource is unknown or a filter is
// not a public filterable field of it.
Result<CountedList> counted_list(const catalog::Catalog& catalog, const std::string& resource,
                                 const std::string& filter);

}  // namespace alley::stated
