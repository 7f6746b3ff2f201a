#pragma once
// The plans module: action plans, their tasks, KPIs and dated KPI figures;
// plans as trees, KPI progress, the 施工图 workbook and the progress report.
// Other modules add the counts their records give query KPIs (add_kpi_count).

#include <string>

#include "plans/kpi_counts.h"

namespace alley::app {
class App;
}
namespace alley::http {
class Router;
}

namespace alley::plans {

void register_module(app::App& app);

// Adds a count query KPIs may be measured by, and offers it on the KPI form.
// REQUIRES: while modules register, after this one.
void add_kpi_count(app::App& app, std::string name, KpiCount count);

// The counts every module added. REQUIRES: this module registered.
const KpiCounts& kpi_counts(const app::App& app);

// Plan trees, KPI progress, the workbook and the report (plans/routes.cc).
void add_routes(http::Router& router, app::App& app);

}  // namespace alley::plans
