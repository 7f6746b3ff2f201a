#pragma once
// The registry's resources: departments, areas, roads, places, organizations,
// spaces and talents, in the order a pack loads them (references point back).

#include <vector>

#include "registry/resource_schema.h"

namespace alley::registry {

const std::vector<ResourceSchema>& registry_schemas();

// nullptr when there is no such resource.
const ResourceSchema* find_schema(std::string_view name);

}  // namespace alley::registry
