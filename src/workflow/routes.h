#pragma once
// The routes of one workflow's cases (workflow/module.h lists them).

#include "workflow/workflow.h"

namespace alley::app {
class App;
}
namespace alley::http {
class Router;
}

namespace alley::workflow {

// REQUIRES: `workflow` and `app` outlive the router; the case resource is in the catalog.
void add_case_routes(http::Router& router, app::App& app, const Workflow& workflow);

}  // namespace alley::workflow
