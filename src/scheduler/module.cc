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

// A list of jobs read by `read`, as {items, total}.
http::Handler job_list(store::Database* db, Result<Json> (*read)(store::Connection&, std::size_t)) {
  return [db, read](http::RequestContext&, const http::HttpRequest&, const http::PathParams&) {
    Result<Json> jobs = http::run_read(*db, [read](store::Connection& connection) -> Result<Json> {
      Result<Json> items = read(connection, 500);
      if (!items) return items.error();
      return Json{{"items", items.value()}, {"total", items->size()}};
    });
    if (!jobs) return http::problem_response(jobs.error());
    return http::json_response(200, jobs.value());
  };
}

void add_routes(http::Router& router, store::Database* db) {
  auto listing = [](std::string operation, std::string summary) {
    return http::RouteDoc{std::move(operation),
                          std::move(summary),
                          "scheduler",
                          "",
                          "scheduled_job_list",
                          "application/json",
                          {},
                          {200, 401, 403},
                          false,
                          access::Access::kAdmin};
  };
  router.add("GET", "/api/v1/scheduled-jobs", job_list(db, pending_and_failed),
             listing("scheduled_jobs",
                     "Scheduled jobs not yet run (reminders …) and those that failed for good, soonest first (at most "
                     "500)"));
  router.add("GET", "/api/v1/scheduled-jobs/runs", job_list(db, run_log),
             listing("scheduled_job_runs",
                     "The run log: jobs done, given up after their attempts, or cancelled, the latest first (at most "
                     "500)"));
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
