#pragma once
// The plans module's resources as data: plans, their tasks, KPIs and dated
// KPI figures, in the order a pack loads them.

#include <string_view>
#include <vector>

#include "records/resource_schema.h"

namespace alley::plans {

std::vector<records::ResourceSchema> plan_resources();

// One of them as data ("plans", "tasks", "kpis", "kpi_entries"), for reads
// (writes go through the catalog's, which carry the hooks).
const records::ResourceSchema& plan_resource(std::string_view name);

}  // namespace alley::plans
