#pragma once
// The registry module: the district's departments, areas, roads, places,
// organizations (with their investment-promotion pipeline), spaces and
// talents; who may change which of them; and the dashboard's counts.

namespace alley::app {
class App;
}
namespace alley::http {
class Router;
}

namespace alley::registry {

// Registers the module's resources, migrations and routes into the application.
void register_module(app::App& app);

// The pipeline and stats routes (registry/routes.cc).
void add_routes(http::Router& router, app::App& app);

}  // namespace alley::registry
