#pragma once
// The working-time module: the district's working calendar (working hours,
// statutory holidays and the adjusted working days of each year's notice) as
// records admins keep, served a year at a time (GET /api/v1/calendar/{year}),
// and read by the clocks of workflows (worktime/calendar_store.h).

namespace alley::app {
class App;
}
namespace alley::http {
class Router;
}

namespace alley::worktime {

void register_module(app::App& app);

// GET /api/v1/calendar/{year}.
void add_routes(http::Router& router, app::App& app);

}  // namespace alley::worktime
