#pragma once
// Where a KPI stands: its value (counted from the registry for query KPIs,
// from dated entries otherwise), the history, a straight-line forecast to the
// due date, and a status — green (target met), amber (not yet, but the
// forecast meets it), red (neither, or the due date passed unmet), no_data.

#include "core/json.h"
#include "plans/kpi_counts.h"
#include "store/database.h"

namespace alley::plans {

// 已达标, 可望达标, 未达标 or 暂无数据, for reports.
const char* status_label(const std::string& status);

// Query KPIs are counted by `counts` (plans/kpi_counts.h).
Result<Json> kpi_progress(store::Connection& connection, const KpiCounts& counts, const Json& kpi,
                          const std::string& today);

// Every KPI of `plan_id` (all when empty), with its progress.
Result<Json> all_kpi_progress(store::Connection& connection, const KpiCounts& counts, const std::string& plan_id,
                              const std::string& today);

}  // namespace alley::plans
