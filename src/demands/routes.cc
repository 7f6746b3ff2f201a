// The service desk's own routes beyond its resources' and its workflow's:
//   GET /api/v1/demand-stats                 the measures, per unit, category, building or the district
//   GET /api/v1/demand-stats/report.xlsx     the monthly report, every grouping a sheet
//   GET /api/v1/demands/export.xlsx          every demand a row
// All for staff: they count every enterprise's demands.

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "core/district_time.h"
#include "demands/demand_stats.h"
#include "demands/demand_workbook.h"
#include "demands/module.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/query_string.h"
#include "http/router.h"
#include "records/repository.h"
#include "sheets/workbook_file.h"

namespace alley::demands {

using namespace http;  // the handler vocabulary: requests, responses, problems, routes

namespace {

struct StatsQuery {
  int year = 0;
  Grouping by = Grouping::kUnit;
};

// ?year=YYYY (default this year) and, where `grouped`, by=unit|category|building|district.
Result<StatsQuery> stats_query(const HttpRequest& request, const std::string& today, bool grouped) {
  auto pairs = parse_query(request.query);
  if (!pairs) return Error::malformed("the query string is not valid");
  StatsQuery query{std::stoi(today.substr(0, 4)), Grouping::kUnit};
  for (const auto& [key, value] : *pairs) {
    if (key == "lang") continue;
    if (key == "year") {
      if (value.size() != 4 || value.find_first_not_of("0123456789") != std::string::npos)
        return Error{ErrorCode::kMalformed, "year must be four digits, e.g. 2025", {{"year", "four digits"}}};
      query.year = std::stoi(value);
    } else if (key == "by" && grouped) {
      std::optional<Grouping> by = parse_grouping(value);
      if (!by)
        return Error{ErrorCode::kMalformed,
                     "by must be unit, category, building or district",
                     {{"by", "unit, category, building or district"}}};
      query.by = *by;
    } else {
      return Error{ErrorCode::kMalformed,
                   grouped ? "the measures take year and by" : "the report takes year",
                   {{key, "unknown parameter"}}};
    }
  }
  return query;
}

// Names for the ids a demand refers to, and labels for its choices.
Result<DemandRows> demand_rows(store::Connection& connection, const catalog::Catalog& catalog) {
  DemandRows rows;
  Result<std::vector<Json>> demands = records::list_all_records(connection, *catalog.find("demands"));
  if (!demands) return demands.error();
  rows.demands = std::move(demands.value());
  for (const char* resource : {"organizations", "service_categories", "departments", "service_levels"}) {
    Result<std::vector<Json>> named = records::list_all_records(connection, *catalog.find(resource));
    if (!named) return named.error();
    for (const Json& record : named.value()) rows.names[record["id"].get<std::string>()] = record["name"];
  }
  const records::ResourceSchema& schema = *catalog.find("demands");
  for (const char* field : {"status", "channel", "rating"}) {
    const records::FieldSpec* spec = schema.find(field);
    for (std::size_t i = 0; i < spec->values.size() && i < spec->value_labels.size(); ++i)
      rows.labels[field][spec->values[i]] = spec->value_labels[i].first;
  }
  return rows;
}

}  // namespace

void add_routes(Router& router, app::App& app, const workflow::Workflow& flow) {
  store::Database* db = &app.database();
  const catalog::Catalog* catalog = &app.catalog();
  const workflow::Workflow* demands = &flow;
  const std::vector<QueryParameterDoc> year_doc = {{"year", "string", "The year, YYYY (default: this year)"}};

  router.add(
      "GET", "/api/v1/demand-stats",
      [db, catalog, demands, &app](RequestContext&, const HttpRequest& request, const PathParams&) {
        Result<StatsQuery> query = stats_query(request, district_date(app.clock().now()), true);
        if (!query) return problem_response(query.error());
        Result<Json> stats = run_read(*db, [&](store::Connection& connection) {
          return demand_stats(connection, *catalog, *demands, query->year, query->by);
        });
        if (!stats) return problem_response(stats.error());
        return json_response(200, stats.value());
      },
      {"demand_stats",
       "The service desk's measures per month — received, response, on-time 签收, median times to 签收 and 办结 in "
       "working time, resolution, satisfaction, returns by reason — and what is open and overdue now, per unit, "
       "category, building or for the district; a rate with no data behind it is null",
       "demands",
       "",
       "demand_stats",
       "application/json",
       {year_doc[0], {"by", "string", "unit (default), category, building or district"}},
       {200, 400, 401, 403},
       false,
       access::Access::kStaff});

  router.add("GET", "/api/v1/demand-stats/report.xlsx",
             [db, catalog, demands, &app](RequestContext&, const HttpRequest& request, const PathParams&) {
               Result<StatsQuery> query = stats_query(request, district_date(app.clock().now()), false);
               if (!query) return problem_response(query.error());
               Result<Json> sheets = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Json answers = Json::array();
                 for (Grouping by : {Grouping::kUnit, Grouping::kCategory, Grouping::kBuilding, Grouping::kDistrict}) {
                   Result<Json> stats = demand_stats(connection, *catalog, *demands, query->year, by);
                   if (!stats) return stats.error();
                   answers.push_back(std::move(stats.value()));
                 }
                 return answers;
               });
               if (!sheets) return problem_response(sheets.error());
               Result<std::string> workbook =
                   monthly_report_workbook(std::vector<Json>(sheets.value().begin(), sheets.value().end()));
               if (!workbook) return problem_response(workbook.error());
               return file_response(workbook.value(), sheets::kXlsxType,
                                    "demands-" + std::to_string(query->year) + ".xlsx");
             },
             {"demand_report",
              "The service desk's monthly report as a spreadsheet: the measures month by month, a sheet per unit, "
              "category, building and for the district",
              "demands",
              "",
              "",
              sheets::kXlsxType,
              year_doc,
              {200, 400, 401, 403},
              false,
              access::Access::kStaff});

  router.add("GET", "/api/v1/demands/export.xlsx",
             [db, catalog](RequestContext&, const HttpRequest&, const PathParams&) {
               Result<store::Database::Lease> lease = db->acquire();
               if (!lease) return problem_response(lease.error());
               Result<DemandRows> rows = demand_rows(*lease.value(), *catalog);
               if (!rows) return problem_response(rows.error());
               Result<std::string> workbook = demands_workbook(rows.value());
               if (!workbook) return problem_response(workbook.error());
               return file_response(workbook.value(), sheets::kXlsxType, "demands.xlsx");
             },
             {"demands_workbook",
              "Every demand as a spreadsheet row: enterprise, category, channel, when received, status, level, unit, "
              "overdue, last resort, returns, reassignments, escalations, rating; no contact details",
              "demands",
              "",
              "",
              sheets::kXlsxType,
              {},
              {200, 401, 403},
              false,
              access::Access::kStaff});

  router.add_schemas([](Json& schemas) {
    schemas["demand_stats"] = {{"type", "object"}, {"required", {"year", "by", "definitions", "groups"}}};
  });
}

}  // namespace alley::demands
