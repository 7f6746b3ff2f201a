#pragma once
// The imports module: every resource's records brought in from a
// spreadsheet, all or none, with the templates to fill
// (imports/import_run.h, imports/templates.h; routes in imports/routes.cc).
// It names no resource: it serves whatever the catalog holds, so it
// registers after the modules that add resources.

namespace alley::app {
class App;
}
namespace alley::http {
class Router;
}

namespace alley::imports {

void register_module(app::App& app);

void add_routes(http::Router& router, app::App& app);

}  // namespace alley::imports
