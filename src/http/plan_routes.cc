// Plans as trees, and where their KPIs stand.

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/query_string.h"
#include "http/routes.h"
#include "plans/kpi_progress.h"
#include "plans/plan_tree.h"
#include "registry/repository.h"
#include "registry/schemas.h"

namespace alley::http {

void add_plan_routes(Router& router, std::shared_ptr<store::Database> database) {
  store::Database* db = database.get();
  router.add("GET", "/api/v1/plans/{id}/tree",
             [db, database](RequestContext&, const HttpRequest&, const PathParams& params) {
               Result<Json> tree = run_read(*db, [&](store::Connection& connection) {
                 return plans::plan_tree(connection, params.at("id"), utc_today());
               });
               if (!tree) return problem_response(tree.error());
               return json_response(200, tree.value());
             },
             {"plan_tree", "A plan with its actions, sub-actions, projects and milestones as a tree; overdue tasks; "
                           "stated against listed projects",
              "plans", "", "plan_tree", "application/json", {}, {200, 404, 410}, false, Access::kPublic});

  router.add("GET", "/api/v1/kpis/{id}/progress",
             [db, database](RequestContext&, const HttpRequest&, const PathParams& params) {
               Result<Json> progress = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Json> kpi = registry::get_record(connection, *registry::find_schema("kpis"), params.at("id"));
                 if (!kpi) return kpi.error();
                 return plans::kpi_progress(connection, kpi.value(), utc_today());
               });
               if (!progress) return problem_response(progress.error());
               return json_response(200, progress.value());
             },
             {"kpi_progress", "Value, history, forecast to the due date and red/amber/green status of one KPI",
              "plans", "", "kpi_progress", "application/json", {}, {200, 404, 410}, false, Access::kPublic});

  router.add("GET", "/api/v1/kpi-progress",
             [db, database](RequestContext&, const HttpRequest& request, const PathParams&) {
               std::string plan_id;
               auto pairs = parse_query(request.query);
               if (!pairs) return problem_response(Error::malformed("the query string is not valid"));
               for (const auto& [key, value] : *pairs) {
                 if (key == "plan_id") {
                   plan_id = value;
                 } else if (key != "lang") {
                   return problem_response(Error{ErrorCode::kMalformed, "kpi-progress takes plan_id", {{key, "unknown parameter"}}});
                 }
               }
               Result<Json> progress = run_read(*db, [&](store::Connection& connection) {
                 return plans::all_kpi_progress(connection, plan_id, utc_today());
               });
               if (!progress) return problem_response(progress.error());
               return json_response(200, progress.value());
             },
             {"all_kpi_progress", "Every KPI (of one plan) with its progress and status", "plans", "",
              "kpi_progress_list", "application/json", {{"plan_id", "string", "Only this plan's KPIs"}}, {200, 400},
              false, Access::kPublic});
}

}  // namespace alley::http
