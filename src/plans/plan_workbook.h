#pragma once
// A plan as a spreadsheet in the layout of a 施工图: one row per task with its
// lead and co-responsible units, deadline and status, and a sheet of the
// plan's KPIs with their progress. Written with libxlsxwriter.

#include <string>

#include "plans/kpi_counts.h"
#include "store/database.h"

namespace alley::plans {

// The .xlsx file's bytes. NotFound for an unknown plan.
Result<std::string> plan_workbook(store::Connection& connection, const KpiCounts& counts, const std::string& plan_id,
                                  const std::string& today);

}  // namespace alley::plans
