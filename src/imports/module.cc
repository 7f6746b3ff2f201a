#include "imports/module.h"

#include "app/app.h"

namespace alley::imports {

void register_module(app::App& app) {
  app.catalog().add_routes([&app](http::Router& router) { add_routes(router, app); });
}

}  // namespace alley::imports
