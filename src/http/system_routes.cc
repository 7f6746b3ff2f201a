#include <nlohmann/json.hpp>

#include "http/handler_support.h"
#include "http/openapi.h"
#include "http/problem.h"
#include "http/routes.h"
#include "records/pack_loader.h"
#include "store/migrations.h"

namespace alley::http {

void add_system_routes(Router& router, std::shared_ptr<store::Database> database, const catalog::Catalog& catalog) {
  store::Database* db = database.get();
  router.add("GET", "/healthz",
             [db, database](RequestContext&, const HttpRequest&, const PathParams&) {
               Result<Json> health = run_read(*db, [](store::Connection& connection) -> Result<Json> {
                 Result<int> version = store::schema_version(connection);
                 if (!version) return version.error();
                 Result<std::optional<std::string>> pack = records::loaded_pack(connection);
                 if (!pack) return pack.error();
                 return Json{{"status", "ok"},
                             {"version", ALLEY_VERSION},
                             {"schema_version", version.value()},
                             {"pack", pack.value() ? Json(*pack.value()) : Json()}};
               });
               if (!health) return problem_response(Error::unavailable("the database does not answer"));
               return json_response(200, health.value());
             },
             {"health", "Liveness and database check", "system", "", "health", "application/json", {}, {200, 503}});

  router.add(
      "GET", "/api/v1",
      [&catalog](RequestContext&, const HttpRequest&, const PathParams&) {
        Json resources = Json::array();
        for (const auto& schema : catalog.resources()) {
          resources.push_back({{"name", schema.name}, {"title", schema.title_zh}, {"href", "/api/v1/" + schema.name}});
        }
        return json_response(200, {{"name", "Alley"},
                                   {"version", ALLEY_VERSION},
                                   {"resources", resources},
                                   {"openapi", "/api/v1/openapi.json"}});
      },
      {"api_index", "What this API offers", "system", "", "api_index", "application/json", {}, {200}});

  router.add("GET", "/api/v1/sources",
             [db](RequestContext&, const HttpRequest&, const PathParams&) {
               Result<Json> sources = run_read(*db, [](store::Connection& connection) -> Result<Json> {
                 Result<Json> items = records::pack_sources(connection);
                 if (!items) return items.error();
                 return Json{{"items", items.value()}, {"total", items->size()}};
               });
               if (!sources) return problem_response(sources.error());
               return json_response(200, sources.value());
             },
             {"sources",
              "The documents records cite in `source` (a file name and a section), each with its title, so readers "
              "are shown the title",
              "system",
              "",
              "source_list",
              "application/json",
              {},
              {200}});
  router.add_schemas([](Json& schemas) {
    schemas["source_list"] = {{"type", "object"}, {"required", {"items", "total"}}};
  });

  const Router* table = &router;
  router.add("GET", "/api/v1/openapi.json",
             [table, &catalog](RequestContext&, const HttpRequest&, const PathParams&) {
               return json_response(200, build_openapi(*table, catalog.resources()));
             },
             {"openapi", "This document", "system", "", "openapi", "application/json", {}, {200}});
}

}  // namespace alley::http
