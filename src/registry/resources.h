#pragma once
// The registry's resources as data: departments, areas, roads, places,
// organizations, spaces and talents, in the order a pack loads them
// (references point back). registry/module.cc gives them their behaviour.

#include <vector>

#include "records/resource_schema.h"

namespace alley::registry {

std::vector<records::ResourceSchema> registry_resources();

// The organizations' fields, for what reads them without a catalog at hand
// (the rule language checks a rule's fields against them).
const records::ResourceSchema& organization_schema();

}  // namespace alley::registry
