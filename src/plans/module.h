#pragma once
// The plans module: action plans, their tasks, KPIs and dated KPI figures;
// plans as trees, KPI progress, the 施工图 workbook and the progress report.

namespace alley::app {
class App;
}
namespace alley::http {
class Router;
}

namespace alley::plans {

void register_module(app::App& app);

// Plan trees, KPI progress, the workbook and the report (plans/routes.cc).
void add_routes(http::Router& router, app::App& app);

}  // namespace alley::plans
