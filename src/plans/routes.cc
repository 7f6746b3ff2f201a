// Plans as trees, and where their KPIs stand.

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "core/clock.h"
#include "core/district_time.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/query_string.h"
#include "http/router.h"
#include "plans/kpi_progress.h"
#include "plans/module.h"
#include "plans/plan_tree.h"
#include "plans/plan_workbook.h"
#include "plans/progress_report.h"
#include "plans/resources.h"
#include "plans/year_end_pdf.h"
#include "plans/year_end_review.h"
#include "plans/year_end_workbook.h"
#include "records/repository.h"
#include "sheets/workbook_file.h"

namespace alley::plans {

using namespace http;  // the handler vocabulary: requests, responses, problems, routes

namespace {

// The plan a report is about: the one asked for, else the one with most KPIs.
Result<std::string> report_plan(store::Connection& connection, const HttpRequest& request) {
  auto pairs = parse_query(request.query);
  if (!pairs) return Error::malformed("the query string is not valid");
  for (const auto& [key, value] : *pairs) {
    if (key == "plan_id") return value;
    if (key != "lang") return Error{ErrorCode::kMalformed, "the report takes plan_id", {{key, "unknown parameter"}}};
  }
  Result<store::QueryResult> rows = connection.query(
      "SELECT plan_id FROM kpis WHERE deleted_at IS NULL GROUP BY plan_id ORDER BY COUNT(*) DESC, plan_id LIMIT 1");
  if (!rows) return rows.error();
  if (rows->rows.empty()) return Error::not_found("no plan has KPIs yet");
  return store::as_text(rows->rows[0][0]);
}

// ?year=YYYY, by default the current one.
Result<int> review_year(const HttpRequest& request, const std::string& today) {
  auto pairs = parse_query(request.query);
  if (!pairs) return Error::malformed("the query string is not valid");
  int year = std::stoi(today.substr(0, 4));
  for (const auto& [key, value] : *pairs) {
    if (key == "lang") continue;
    if (key != "year") return Error{ErrorCode::kMalformed, "the review takes year", {{key, "unknown parameter"}}};
    if (value.size() != 4 || value.find_first_not_of("0123456789") != std::string::npos)
      return Error{ErrorCode::kMalformed, "year must be four digits, e.g. 2025", {{"year", "four digits"}}};
    year = std::stoi(value);
  }
  return year;
}

Result<Json> review_for(store::Database& db, const KpiCounts& counts, const HttpRequest& request,
                        const std::string& today) {
  Result<int> year = review_year(request, today);
  if (!year) return year.error();
  return run_read(
      db, [&](store::Connection& connection) { return year_end_review(connection, counts, year.value(), today); });
}

}  // namespace

void add_routes(http::Router& router, app::App& app) {
  store::Database* db = &app.database();
  router.add("GET", "/api/v1/plans/{id}/export.xlsx",
             [db, &app](RequestContext&, const HttpRequest&, const PathParams& params) {
               Result<store::Database::Lease> lease = db->acquire();
               if (!lease) return problem_response(lease.error());
               Result<std::string> workbook =
                   plans::plan_workbook(*lease.value(), kpi_counts(app), params.at("id"), app.clock().today());
               if (!workbook) return problem_response(workbook.error());
               return file_response(workbook.value(), sheets::kXlsxType, std::string(params.at("id")).append(".xlsx"));
             },
             {"plan_workbook",
              "The plan as a 施工图 spreadsheet (tasks, lead and co-units, deadlines, status) with its KPIs",
              "plans",
              "",
              "",
              sheets::kXlsxType,
              {},
              {200, 404, 410},
              false,
              access::Access::kPublic});

  router.add("GET", "/api/v1/reports/progress.pdf",
             [db, &app](RequestContext&, const HttpRequest& request, const PathParams&) {
               Result<store::Database::Lease> lease = db->acquire();
               if (!lease) return problem_response(lease.error());
               Result<std::string> plan = report_plan(*lease.value(), request);
               if (!plan) return problem_response(plan.error());
               Result<std::string> pdf =
                   plans::progress_report_pdf(*lease.value(), kpi_counts(app), plan.value(), app.clock().today());
               if (!pdf) return problem_response(pdf.error());
               std::string name = "progress-";
               name += app.clock().today();
               name += ".pdf";
               return file_response(pdf.value(), "application/pdf", name);
             },
             {"progress_report",
              "The progress report: every KPI against its target, with charts, as a PDF",
              "plans",
              "",
              "",
              "application/pdf",
              {{"plan_id", "string", "The plan (default: the one with most KPIs)"}},
              {200, 400, 404},
              false,
              access::Access::kPublic});

  router.add("GET", "/api/v1/reports/year-end",
             [db, &app](RequestContext&, const HttpRequest& request, const PathParams&) {
               Result<Json> review = review_for(*db, kpi_counts(app), request, district_date(app.clock().now()));
               if (!review) return problem_response(review.error());
               return json_response(200, review.value());
             },
             {"year_end_review",
              "The year-end review (年终考评): per department and plan, tasks done, in progress and overdue with "
              "their evidence, and the KPIs with what their status rests on",
              "plans",
              "",
              "year_end_review",
              "application/json",
              {{"year", "string", "The year reviewed, YYYY (default: this year)"}},
              {200, 400, 422},
              false,
              access::Access::kPublic});

  router.add("GET", "/api/v1/reports/year-end.xlsx",
             [db, &app](RequestContext&, const HttpRequest& request, const PathParams&) {
               Result<Json> review = review_for(*db, kpi_counts(app), request, district_date(app.clock().now()));
               if (!review) return problem_response(review.error());
               Result<std::string> workbook = year_end_workbook(review.value());
               if (!workbook) return problem_response(workbook.error());
               return file_response(workbook.value(), sheets::kXlsxType,
                                    "year-end-" + std::to_string(review.value()["year"].get<int>()) + ".xlsx");
             },
             {"year_end_workbook",
              "The year-end review as a spreadsheet: every department's tasks with evidence, and its KPIs",
              "plans",
              "",
              "",
              sheets::kXlsxType,
              {{"year", "string", "The year reviewed, YYYY (default: this year)"}},
              {200, 400, 422},
              false,
              access::Access::kPublic});

  router.add("GET", "/api/v1/reports/year-end.pdf",
             [db, &app](RequestContext&, const HttpRequest& request, const PathParams&) {
               Result<Json> review = review_for(*db, kpi_counts(app), request, district_date(app.clock().now()));
               if (!review) return problem_response(review.error());
               return file_response(year_end_pdf(review.value()), "application/pdf",
                                    "year-end-" + std::to_string(review.value()["year"].get<int>()) + ".pdf");
             },
             {"year_end_pdf",
              "The year-end review as a PDF: each plan's counts, each department's tasks with evidence and its KPIs",
              "plans",
              "",
              "",
              "application/pdf",
              {{"year", "string", "The year reviewed, YYYY (default: this year)"}},
              {200, 400, 422},
              false,
              access::Access::kPublic});

  router.add("GET", "/api/v1/plans/{id}/tree",
             [db, &app](RequestContext&, const HttpRequest&, const PathParams& params) {
               Result<Json> tree = run_read(*db, [&](store::Connection& connection) {
                 return plans::plan_tree(connection, params.at("id"), app.clock().today());
               });
               if (!tree) return problem_response(tree.error());
               return json_response(200, tree.value());
             },
             {"plan_tree",
              "A plan with its actions, sub-actions, projects and milestones as a tree; overdue tasks; "
              "stated against listed projects",
              "plans",
              "",
              "plan_tree",
              "application/json",
              {},
              {200, 404, 410},
              false,
              access::Access::kPublic});

  router.add("GET", "/api/v1/kpis/{id}/progress",
             [db, &app](RequestContext&, const HttpRequest&, const PathParams& params) {
               Result<Json> progress = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Json> kpi = records::get_record(connection, plans::plan_resource("kpis"), params.at("id"));
                 if (!kpi) return kpi.error();
                 return plans::kpi_progress(connection, kpi_counts(app), kpi.value(), app.clock().today());
               });
               if (!progress) return problem_response(progress.error());
               return json_response(200, progress.value());
             },
             {"kpi_progress",
              "Value, history, forecast to the due date and red/amber/green status of one KPI",
              "plans",
              "",
              "kpi_progress",
              "application/json",
              {},
              {200, 404, 410},
              false,
              access::Access::kPublic});

  router.add("GET", "/api/v1/kpi-progress",
             [db, &app](RequestContext&, const HttpRequest& request, const PathParams&) {
               std::string plan_id;
               auto pairs = parse_query(request.query);
               if (!pairs) return problem_response(Error::malformed("the query string is not valid"));
               for (const auto& [key, value] : *pairs) {
                 if (key == "plan_id") {
                   plan_id = value;
                 } else if (key != "lang") {
                   return problem_response(
                       Error{ErrorCode::kMalformed, "kpi-progress takes plan_id", {{key, "unknown parameter"}}});
                 }
               }
               Result<Json> progress = run_read(*db, [&](store::Connection& connection) {
                 return plans::all_kpi_progress(connection, kpi_counts(app), plan_id, app.clock().today());
               });
               if (!progress) return problem_response(progress.error());
               return json_response(200, progress.value());
             },
             {"all_kpi_progress",
              "Every KPI (of one plan) with its progress and status",
              "plans",
              "",
              "kpi_progress_list",
              "application/json",
              {{"plan_id", "string", "Only this plan's KPIs"}},
              {200, 400},
              false,
              access::Access::kPublic});
  router.add_schemas([](Json& schemas) {
    schemas["plan_tree"] = {{"type", "object"}, {"required", {"plan", "counts", "overdue", "tree"}}};
    const Json basis = {
        {"type", "object"},
        {"description",
         "What the status rests on: count (records counted, and the criterion), figure (the latest entry and its "
         "source), per_year (each year judged), or none"},
        {"properties", {{"kind", {{"type", "string"}, {"enum", {"count", "figure", "per_year", "none"}}}}}}};
    const Json status = {{"type", "string"}, {"enum", {"green", "amber", "red", "no_data"}}};
    schemas["kpi_progress"] = {
        {"type", "object"},
        {"required", {"kpi_id", "name", "target", "value", "history", "forecast", "basis", "status"}},
        {"properties", {{"status", status}, {"basis", basis}}}};
    schemas["year_end_review"] = {{"type", "object"}, {"required", {"year", "judged_on", "departments", "plans"}}};
    schemas["kpi_progress_list"] = {{"type", "object"}, {"required", {"items", "total", "by_status"}}};
  });
}

}  // namespace alley::plans
