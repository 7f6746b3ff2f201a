#include <charconv>
#include <nlohmann/json.hpp>

#include "http/handler_support.h"
#include "http/problem.h"
#include "http/query_string.h"
#include "http/routes.h"
#include "search/search_index.h"

namespace alley::http {
namespace {

// "a, b or c" (with `last` as the final joiner).
std::string spoken_list(const std::vector<std::string>& names, const std::string& last) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    text += (i == 0 ? "" : i + 1 == names.size() ? " " + last + " " : ", ") + names[i];
  }
  return text;
}

std::vector<std::string> searchable_names(const catalog::Catalog& catalog) {
  std::vector<std::string> names;
  for (const records::ResourceSchema& schema : catalog.resources()) {
    if (schema.is_searchable()) names.push_back(schema.name);
  }
  return names;
}

Result<search::SearchQuery> search_query(const HttpRequest& request, const catalog::Catalog& catalog) {
  auto pairs = parse_query(request.query);
  if (!pairs) return Error::malformed("the query string has a broken %-escape or is not UTF-8");
  search::SearchQuery query;
  bool has_text = false;
  for (const auto& [key, value] : *pairs) {
    if (key == "q") {
      query.text = value;
      has_text = true;
    } else if (key == "resource") {
      const records::ResourceSchema* schema = catalog.find(value);
      if (!schema || !schema->is_searchable()) {
        return Error{ErrorCode::kMalformed,
                     "resource must be " + spoken_list(searchable_names(catalog), "or"),
                     {{"resource", "not searchable"}}};
      }
      query.resources.push_back(value);
    } else if (key == "limit") {
      std::size_t limit = 0;
      auto [end, code] = std::from_chars(value.data(), value.data() + value.size(), limit);
      if (code != std::errc() || end != value.data() + value.size() || limit < 1 || limit > 100) {
        return Error{ErrorCode::kMalformed, "limit must be a whole number from 1 to 100", {{"limit", "must be 1–100"}}};
      }
      query.limit = limit;
    } else if (key != "lang") {
      return Error{ErrorCode::kMalformed, "search takes q, resource, limit and lang", {{key, "unknown parameter"}}};
    }
  }
  if (!has_text || query.text.empty())
    return Error{ErrorCode::kMalformed, "give something to search for in q", {{"q", "is required"}}};
  if (query.text.size() > 200)
    return Error{ErrorCode::kMalformed, "the query is too long (200 bytes at most)", {{"q", "too long"}}};
  return query;
}

}  // namespace

void add_search_routes(Router& router, std::shared_ptr<store::Database> database, const catalog::Catalog& catalog,
                       const search::ChineseScript& script) {
  store::Database* db = database.get();
  const std::vector<std::string> searchable = searchable_names(catalog);
  router.add("GET", "/api/v1/search",
             [db, database, &catalog, &script](RequestContext&, const HttpRequest& request, const PathParams&) {
               Result<search::SearchQuery> query = search_query(request, catalog);
               if (!query) return problem_response(query.error());
               Result<Json> found = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<search::SearchResult> result = search::search(connection, script, query.value());
                 if (!result) return result.error();
                 Json items = Json::array();
                 for (const search::SearchHit& hit : result->hits) {
                   Json item = {{"resource", hit.resource}, {"id", hit.record_id}, {"name", hit.name}};
                   if (!hit.name_en.empty()) item["name_en"] = hit.name_en;
                   item["synthetic"] = hit.synthetic;
                   item["score"] = hit.score;
                   item["href"] = "/api/v1/" + hit.resource + "/" + hit.record_id;
                   items.push_back(std::move(item));
                 }
                 return Json{{"items", items}, {"total", result->total}, {"query", result->simplified}};
               });
               if (!found) return problem_response(found.error());
               return json_response(200, found.value());
             },
             {"search",
              "Find " + spoken_list(searchable, "and") +
                  " by any part of their names and descriptions, "
                  "in Simplified or Traditional script or English",
              "search",
              "",
              "search_result",
              "application/json",
              {{"q", "string", "What to look for (required)"},
               {"resource", "string", spoken_list(searchable, "or") + "; repeat for several"},
               {"limit", "integer", "1–100 (default 20)"}},
              {200, 400}});
  router.add_schemas([](Json& schemas) {
    schemas["search_result"] = {
        {"type", "object"},
        {"required", {"items", "total", "query"}},
        {"properties",
         {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/search_hit"}}}}},
          {"total", {{"type", "integer"}}},
          {"query", {{"type", "string"}, {"description", "the query as matched, in Simplified script"}}}}}};
    schemas["search_hit"] = {{"type", "object"},
                             {"required", {"resource", "id", "name", "synthetic", "score", "href"}},
                             {"additionalProperties", false},
                             {"properties",
                              {{"resource", {{"type", "string"}}},
                               {"id", {{"type", "string"}}},
                               {"name", {{"type", "string"}}},
                               {"name_en", {{"type", "string"}}},
                               {"synthetic", {{"type", "boolean"}}},
                               {"score", {{"type", "number"}}},
                               {"href", {{"type", "string"}}}}}};
  });
}

}  // namespace alley::http
