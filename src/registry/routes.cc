// The registry's own route beyond the generic ones (and the pipeline, which
// its lifecycle brings): the dashboard's counts.

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/router.h"
#include "registry/module.h"
#include "registry/registry_stats.h"

namespace alley::registry {
void add_routes(http::Router& router, app::App& app) {
  store::Database* db = &app.database();
  router.add("GET", "/api/v1/stats",
             [db](http::RequestContext& context, const http::HttpRequest&, const http::PathParams&) {
               Result<Json> stats = http::run_read(
                   *db, [&](store::Connection& connection) { return registry_stats(connection, context.is_staff()); });
               if (!stats) return http::problem_response(stats.error());
               return http::json_response(200, stats.value());
             },
             {"stats",
              "Counts for the dashboard: organizations by kind and sector (and, for district staff, by tier, "
              "high-growth mark and pipeline status); places by type; spaces and their area by status",
              "system",
              "",
              "stats",
              "application/json",
              {},
              {200},
              false,
              access::Access::kPublic});
  router.add_schemas([](Json& schemas) {
    schemas["stats"] = {{"type", "object"}, {"required", {"organizations", "places", "spaces"}}};
  });
}

}  // namespace alley::registry
