#pragma once
// The service desk's resources: the service system the documents describe
// (its levels and its 1+11+11 tiers), the catalogue of what enterprises may
// ask for, the rules that route a demand to its unit, and the demands.

#include <vector>

#include "records/resource_schema.h"

namespace alley::demands {

// service_levels, service_tiers, service_categories, routing_rules, demands.
std::vector<records::ResourceSchema> service_desk_resources();

}  // namespace alley::demands
