#pragma once
// The service desk's measures, read from the demands and their events: per
// unit (or category, building, the whole district) and month — received,
// signed for and how fast, on time or not, resolved and how fast (working
// time), rated and how well, returned and why — and what is open and overdue
// now. A rate with nothing behind it is null ("no data"), never 0.

#include <string>

#include "core/error.h"
#include "core/json.h"
#include "workflow/workflow.h"

namespace alley::catalog {
class Catalog;
}
namespace alley::store {
class Connection;
}

namespace alley::demands {

enum class Grouping { kUnit, kCategory, kBuilding, kDistrict };

// "unit", "category", "building", "district"; nullopt for anything else.
std::optional<Grouping> parse_grouping(std::string_view text);

// {year, by, generated_at, definitions, groups: [{id, name, total, months:
// [{month, …figures}]}]}; groups by `received` (most first).
Result<Json> demand_stats(store::Connection& connection, const catalog::Catalog& catalog,
                          const workflow::Workflow& flow, int year, Grouping by);

}  // namespace alley::demands
