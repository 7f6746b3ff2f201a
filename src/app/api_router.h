#pragma once
// The API the application serves: the generic routes of every registered
// resource, search, each module's own routes, and the system routes (whose
// OpenAPI document describes all the others).

#include "app/app.h"
#include "http/router.h"

namespace alley::app {

// REQUIRES: app.open_database succeeded. The routes refer to `app`, which
// must outlive the router.
void add_api_routes(http::Router& router, App& app);

}  // namespace alley::app
