#pragma once
// The service desk's spreadsheets: every demand as a row (no contact or
// other personal data), and the monthly report — the measures per unit, per
// category, per building and for the district, month by month.

#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"

namespace alley::demands {

// `demands` as the API returns them, with `names` for the ids they refer to.
struct DemandRows {
  std::vector<Json> demands;
  Json names = Json::object();   // id → name, for enterprises, categories, units, levels
  Json labels = Json::object();  // field → {value → label}, for statuses, channels, ratings
};
Result<std::string> demands_workbook(const DemandRows& rows);

// One demand_stats answer per sheet, in order: by unit, category, building, district.
Result<std::string> monthly_report_workbook(const std::vector<Json>& stats);

}  // namespace alley::demands
