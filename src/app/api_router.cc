#include "app/api_router.h"

#include "http/routes.h"
#include "search/chinese_script.h"

namespace alley::app {

void add_api_routes(http::Router& router, App& app) {
  http::add_record_routes(router, app.shared_database(), app.catalog().resources());
  router.set_chinese_script(&app.chinese_script());
  http::add_search_routes(router, app.shared_database(), app.catalog(), app.chinese_script());
  for (const catalog::RouteSet& routes : app.catalog().route_sets()) routes(router);
  http::add_system_routes(router, app.shared_database(), app.catalog());
}

}  // namespace alley::app
