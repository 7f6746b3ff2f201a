// The registry's own routes beyond the generic ones: the investment-promotion
// pipeline of an organization, and the dashboard's counts.

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/record_permissions.h"
#include "http/router.h"
#include "registry/module.h"
#include "registry/pipeline_history.h"
#include "registry/registry_stats.h"

namespace alley::registry {
namespace {

void add_pipeline_routes(http::Router& router, app::App& app) {
  store::Database* db = &app.database();
  records::ResourceSchema* organizations = &app.catalog().resource("organizations");
  router.add("GET", "/api/v1/organizations/{id}/pipeline",
             [db, organizations](http::RequestContext&, const http::HttpRequest&, const http::PathParams& params) {
               Result<Json> history = http::run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Json> record = records::get_record(connection, *organizations, params.at("id"));
                 if (!record) return record.error();
                 Json body = Json::object();
                 body["organization_id"] = params.at("id");
                 body["pipeline_status"] = record.value().value("pipeline_status", Json());
                 Result<Json> events = pipeline_history(connection, params.at("id"));
                 if (!events) return events.error();
                 body["history"] = std::move(events.value());
                 return body;
               });
               if (!history) return http::problem_response(history.error());
               return http::json_response(200, history.value());
             },
             {"get_pipeline",
              "Investment-promotion pipeline status and its dated history",
              "organizations",
              "",
              "pipeline",
              "application/json",
              {},
              {200, 401, 403, 404, 410},
              false,
              access::Access::kStaff});

  router.add("POST", "/api/v1/organizations/{id}/pipeline",
             [db, organizations](http::RequestContext& context, const http::HttpRequest& request,
                                 const http::PathParams& params) {
               std::optional<std::int64_t> expected;
               if (!request.header("if-match").empty()) {
                 Result<std::optional<std::int64_t>> version = http::if_match_version(request);
                 if (!version) return http::problem_response(version.error());
                 expected = version.value();
               }
               Result<Json> body = http::parse_json_body(request);
               if (!body) return http::problem_response(body.error());
               return http::record_response(http::run_write(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Json> current = records::get_record(connection, *organizations, params.at("id"));
                 if (!current) return current.error();
                 if (Status allowed =
                         http::check_record_permission(context, *organizations, connection, current.value(), nullptr);
                     !allowed) {
                   return allowed.error();
                 }
                 return change_pipeline_status(connection, *organizations, params.at("id"), body.value(), expected,
                                               http::writer_of(context));
               }));
             },
             {"change_pipeline",
              "Move an organization along the pipeline (target → negotiating → landed → moved_out)",
              "organizations",
              "pipeline_change",
              "organization",
              "application/json",
              {},
              {200, 400, 401, 403, 404, 410, 412, 415, 422},
              false,
              access::Access::kStaff});
}

}  // namespace

void add_routes(http::Router& router, app::App& app) {
  add_pipeline_routes(router, app);
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
    schemas["pipeline_event"] = {{"type", "object"},
                                 {"required", {"to_status", "source", "recorded_at", "actor"}},
                                 {"properties",
                                  {{"from_status", {{"type", {"string", "null"}}}},
                                   {"to_status", {{"type", "string"}}},
                                   {"occurred_on", {{"type", {"string", "null"}}, {"format", "date"}}},
                                   {"note", {{"type", "string"}}},
                                   {"source", {{"type", "string"}}},
                                   {"recorded_at", {{"type", "string"}, {"format", "date-time"}}},
                                   {"actor", {{"type", "string"}}}}}};
    schemas["pipeline"] = {
        {"type", "object"},
        {"required", {"organization_id", "pipeline_status", "history"}},
        {"properties",
         {{"organization_id", {{"type", "string"}}},
          {"pipeline_status", {{"type", {"string", "null"}}}},
          {"history", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/pipeline_event"}}}}}}}};
    schemas["pipeline_change"] = {
        {"type", "object"},
        {"required", {"status"}},
        {"additionalProperties", false},
        {"properties",
         {{"status", {{"type", "string"}, {"enum", {"target", "negotiating", "landed", "moved_out"}}}},
          {"date", {{"type", "string"}, {"format", "date"}, {"description", "when it happened; today if omitted"}}},
          {"note", {{"type", "string"}}},
          {"source", {{"type", "string"}}}}}};
    schemas["stats"] = {{"type", "object"}, {"required", {"organizations", "places", "spaces"}}};
  });
}

}  // namespace alley::registry
