#include "scheduler/module.h"

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/router.h"
#include "scheduler/scheduler.h"

namespace alley::scheduler {
namespace {

store::Migration jobs_migration() {
  return {12,
          "scheduled jobs",
          "CREATE TABLE scheduled_jobs (id {{AUTO_ID}}, kind TEXT NOT NULL, run_at TEXT NOT NULL, subject_resource "
          "TEXT NOT NULL, subject_id TEXT NOT NULL, payload TEXT NOT NULL, attempts INTEGER NOT NULL, last_error TEXT, "
          "created_at TEXT NOT NULL, done_at TEXT, cancelled_at TEXT, failed_at TEXT);"
          "CREATE INDEX scheduled_jobs_due ON scheduled_jobs(run_at) WHERE done_at IS NULL AND cancelled_at IS NULL "
          "AND failed_at IS NULL;"
          "CREATE INDEX scheduled_jobs_subject ON scheduled_jobs(subject_resource, subject_id);",
          {store::TableSpec("scheduled_jobs").with_identity_key()}};
}

void add_routes(http::Router& router, store::Database* db) {
  router.add("GET", "/api/v1/scheduled-jobs",
             [db](http::RequestContext&, const http::HttpRequest&, const http::PathParams&) {
               Result<Json> jobs = http::run_read(*db, [](store::Connection& connection) -> Result<Json> {
                 Result<Json> items = pending_and_failed(connection, 500);
                 if (!items) return items.error();
                 return Json{{"items", items.value()}, {"total", items->size()}};
               });
               if (!jobs) return http::problem_response(jobs.error());
               return http::json_response(200, jobs.value());
             },
             {"scheduled_jobs",
              "Scheduled jobs not yet run (reminders …) and those that failed for good, soonest first (at most 500)",
              "scheduler",
              "",
              "scheduled_job_list",
              "application/json",
              {},
              {200, 401, 403},
              false,
              access::Access::kAdmin});
  router.add_schemas([](Json& schemas) {
    schemas["scheduled_job_list"] = {{"type", "object"}, {"required", {"items", "total"}}};
  });
}

}  // namespace

void register_module(app::App& app) {
  app.catalog().add_migration(jobs_migration());
  auto scheduler = std::make_shared<Scheduler>();
  app.provide(scheduler);
  app.add_background_work({"scheduled jobs", [scheduler](app::App& running) -> Status {
                             Result<RunReport> report = scheduler->run_due(running.database());
                             return report ? ok_status() : Status(report.error());
                           }});
  app.catalog().add_routes([&app](http::Router& router) { add_routes(router, &app.database()); });
}

}  // namespace alley::scheduler
