#include "stated/module.h"

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/router.h"
#include "records/common_fields.h"
#include "records/repository.h"
#include "stated/counted_list.h"
#include "stated/resources.h"

namespace alley::stated {
namespace {

store::Migration stated_figures_migration() {
  return {9,
          "stated figures",
          records::record_table_sql("stated_figures",
                                    "value DOUBLE PRECISION NOT NULL, qualifier TEXT NOT NULL, stated_as TEXT NOT "
                                    "NULL, unit TEXT, stated_on TEXT, counted_resource TEXT, counted_filter TEXT"),
          {store::TableSpec("stated_figures")}};
}

Result<std::int64_t> count_of(store::Connection& connection, const CountedList& list,
                              std::vector<std::pair<std::string, std::string>> filters) {
  records::ListQuery query;
  query.filters = std::move(filters);
  query.limit = 1;
  Result<records::Page> page = records::list_records(connection, *list.resource, query);
  if (!page) return page.error();
  return page->total;
}

// The figure with how many matching records Alley holds (null where it keeps
// none of them), and how many of those are synthetic, which count for nothing
// against what the documents state.
Result<Json> with_recorded(store::Connection& connection, const catalog::Catalog& catalog, Json figure) {
  figure["recorded"] = Json();
  figure["recorded_synthetic"] = Json();
  const std::string resource = figure.value("counted_resource", "");
  if (resource.empty()) return figure;
  Result<CountedList> list = counted_list(catalog, resource, figure.value("counted_filter", ""));
  if (!list) return list.error();
  Result<std::int64_t> recorded = count_of(connection, list.value(), list->filters);
  if (!recorded) return recorded.error();
  figure["recorded"] = recorded.value();
  std::vector<std::pair<std::string, std::string>> synthetic_only = list->filters;
  synthetic_only.emplace_back("synthetic", "true");
  Result<std::int64_t> synthetic = count_of(connection, list.value(), std::move(synthetic_only));
  if (!synthetic) return synthetic.error();
  figure["recorded_synthetic"] = synthetic.value();
  std::string path = "/api/v1/" + resource;
  if (figure.contains("counted_filter")) path += "?" + figure["counted_filter"].get<std::string>();
  figure["recorded_list"] = path;
  return figure;
}

void add_routes(http::Router& router, app::App& app) {
  store::Database* db = &app.database();
  const catalog::Catalog* catalog = &app.catalog();
  const records::ResourceSchema* schema = app.catalog().find("stated_figures");
  router.add("GET", "/api/v1/stated-figures",
             [db, catalog, schema](http::RequestContext&, const http::HttpRequest&, const http::PathParams&) {
               Result<Json> listed = http::run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<std::vector<Json>> figures = records::list_all_records(connection, *schema);
                 if (!figures) return figures.error();
                 Json items = Json::array();
                 for (Json& figure : figures.value()) {
                   Result<Json> counted = with_recorded(connection, *catalog, std::move(figure));
                   if (!counted) return counted.error();
                   items.push_back(std::move(counted.value()));
                 }
                 return Json{{"items", items}, {"total", items.size()}};
               });
               if (!listed) return http::problem_response(listed.error());
               return http::json_response(200, listed.value());
             },
             {"list_stated_figures_with_recorded",
              "Totals the documents state, each with how many matching records Alley holds (null where it keeps "
              "none of them)",
              "stated_figures",
              "",
              "stated_figures_recorded",
              "application/json",
              {},
              {200},
              false,
              access::Access::kPublic});
  router.add_schemas([](Json& schemas) {
    Json item = {
        {"allOf",
         {{{"$ref", "#/components/schemas/stated_figure"}},
          {{"type", "object"},
           {"required", {"recorded", "recorded_synthetic"}},
           {"properties",
            {{"recorded",
              {{"type", {"integer", "null"}},
               {"title", "已录入"},
               {"x-title-en", "Recorded"},
               {"description", "records Alley holds of what the figure counts; null where it keeps none"}}},
             {"recorded_synthetic",
              {{"type", {"integer", "null"}},
               {"title", "其中示例数据"},
               {"x-title-en", "Of which synthetic"},
               {"description", "how many of `recorded` are synthetic demonstration records"}}},
             {"recorded_list", {{"type", "string"}, {"description", "the API list of the records counted"}}}}}}}}};
    schemas["stated_figures_recorded"] = {
        {"type", "object"},
        {"required", {"items", "total"}},
        {"properties", {{"items", {{"type", "array"}, {"items", item}}}, {"total", {{"type", "integer"}}}}}};
  });
}

}  // namespace

void register_module(app::App& app) {
  catalog::Catalog& catalog = app.catalog();
  catalog.add_migration(stated_figures_migration());
  records::ResourceSchema resource = stated_figure_resource();
  // The list a figure counts must exist, and be one anybody may count.
  const catalog::Catalog* known = &catalog;
  resource.rule = [known](Json& merged, const Json*, std::vector<FieldError>& errors) {
    if (!merged.contains("counted_resource")) {
      if (merged.contains("counted_filter"))
        errors.push_back({"counted_filter", "needs counted_resource", "填写计数条件时须选择计数的记录"});
      return;
    }
    Result<CountedList> list =
        counted_list(*known, merged["counted_resource"].get<std::string>(), merged.value("counted_filter", ""));
    if (!list) {
      const bool unknown = !known->find(merged["counted_resource"].get<std::string>());
      errors.push_back({unknown ? "counted_resource" : "counted_filter", list.error().message});
    }
  };
  catalog.add_resource(std::move(resource));
  catalog.add_routes([&app](http::Router& router) { add_routes(router, app); });
}

}  // namespace alley::stated
