#include <charconv>
#include <nlohmann/json.hpp>

#include "core/ids.h"
#include "geo/datum.h"
#include "http/handler_support.h"
#include "http/list_query.h"
#include "http/problem.h"
#include "http/query_string.h"
#include "http/record_permissions.h"
#include "http/routes.h"
#include "records/claims.h"
#include "records/geojson_export.h"
#include "records/lifecycle.h"

namespace alley::http {
namespace {

using records::ResourceSchema;

// Keeps only public fields and the server's own (version, timestamps), so a
// field added to a record later (a lifecycle's history) is hidden until declared.
void strip_private(const RequestContext& context, const ResourceSchema& schema, Json& record) {
  if (sees_private_fields(context, schema, record)) return;
  const auto& managed = records::server_managed_fields();
  for (auto field = record.begin(); field != record.end();) {
    const records::FieldSpec* spec = schema.find(field.key());
    const bool shown = spec ? spec->is_public : std::find(managed.begin(), managed.end(), field.key()) != managed.end();
    field = shown ? std::next(field) : record.erase(field);
  }
}

// Filtering or sorting by a hidden field would reveal it.
Status check_private_query(const RequestContext& context, const ResourceSchema& schema,
                           const records::ListQuery& query) {
  if (sees_private_fields(context, schema, Json())) return ok_status();
  std::vector<std::string> asked;
  for (const auto& [key, value] : query.filters) asked.push_back(key);
  if (!query.sort.empty()) asked.push_back(query.sort[0] == '-' ? query.sort.substr(1) : query.sort);
  for (std::string field : asked) {
    if (field.ends_with("_min") || field.ends_with("_max")) field = field.substr(0, field.size() - 4);
    if (const records::FieldSpec* spec = schema.find(field); spec && !spec->is_public) {
      return Error{ErrorCode::kForbidden, field + " is visible to district staff only", {{field, "staff only"}}};
    }
  }
  return ok_status();
}

// Where only owners see their records (a demand), a list is of the reader's own.
void limit_to_own(const RequestContext& context, const ResourceSchema& schema, records::ListQuery& query) {
  if (!schema.private_to_owner || context.is_staff()) return;
  const bool enterprise = context.user && context.user->role == access::Role::kEnterprise;
  // An id no record has: the list is empty for a reader with no organization.
  query.filters.emplace_back(schema.owner_field,
                             enterprise && !context.user->org_id.empty() ? context.user->org_id : std::string("-"));
}

Result<geo::Datum> requested_datum(const HttpRequest& request) {
  auto pairs = parse_query(request.query);
  if (pairs) {
    for (const auto& [key, value] : *pairs) {
      if (key != "datum") continue;
      auto datum = geo::parse_datum(value);
      if (!datum)
        return Error{ErrorCode::kMalformed, "datum must be WGS84, GCJ-02 or BD-09", {{"datum", "unknown datum"}}};
      return *datum;
    }
  }
  return geo::Datum::kWgs84;
}

const std::vector<QueryParameterDoc> kListParameterDocs = {
    {"limit", "integer", "Page size, 1–500 (default 50)"},
    {"cursor", "string", "The `next` value of the previous page"},
    {"offset", "integer", "Records to skip, for numbered pages: (page - 1) × limit; in place of cursor"},
    {"sort", "string", "A sortable field, '-' in front to reverse"},
    {"q", "string", "Part of the name or English name"},
};

std::vector<QueryParameterDoc> filter_docs(const ResourceSchema& schema) {
  std::vector<QueryParameterDoc> docs = kListParameterDocs;
  for (QueryParameterDoc& doc : docs) {
    if (doc.name != "sort") continue;
    for (const char* stamp : {"created_at", "updated_at"})
      doc.choices.insert(doc.choices.end(), {stamp, std::string("-") + stamp});
    for (const records::FieldSpec& spec : schema.fields) {
      if (spec.sortable) doc.choices.insert(doc.choices.end(), {spec.name, "-" + spec.name});
    }
  }
  for (const records::FieldSpec& spec : schema.fields) {
    const bool number = spec.type == records::FieldType::kInteger || spec.type == records::FieldType::kReal;
    if (spec.filterable) {
      docs.push_back({spec.name,
                      number                                   ? "number"
                      : spec.type == records::FieldType::kBool ? "boolean"
                                                               : "string",
                      spec.type == records::FieldType::kTextArray ? "Records whose " + spec.name + " contain this value"
                      : spec.type == records::FieldType::kEnum
                          ? "Records whose " + spec.name + " is this value, or one of several separated by commas"
                          : "Records whose " + spec.name + " equals this value"});
    }
    if (number) {
      docs.push_back({spec.name + "_min", "number", "Lowest " + spec.name});
      docs.push_back({spec.name + "_max", "number", "Highest " + spec.name});
    } else if ((spec.type == records::FieldType::kText || spec.type == records::FieldType::kDate) && spec.sortable) {
      docs.push_back({spec.name + "_min", "string",
                      "From this " + spec.name + " on, compared as text: a date or a UTC time as the API writes them"});
      docs.push_back({spec.name + "_max", "string",
                      "Up to this " + spec.name + ", compared as text: a date or a UTC time as the API writes them"});
    }
  }
  return docs;
}

void add_resource(Router& router, std::shared_ptr<store::Database> database, const ResourceSchema& schema) {
  const std::string base = "/api/v1/" + schema.name;
  const std::string item = base + "/{id}";
  const std::string component = schema.singular;
  store::Database* db = database.get();
  // Routes keep the database alive for as long as the router lives.
  auto keep = database;

  router.add("GET", base,
             [db, &schema, keep](RequestContext& context, const HttpRequest& request, const PathParams&) {
               Result<records::ListQuery> query = list_query(request);
               if (!query) return problem_response(query.error());
               if (Status visible = check_private_query(context, schema, query.value()); !visible)
                 return problem_response(visible.error());
               limit_to_own(context, schema, query.value());
               Result<Json> page = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<records::Page> listed = records::list_records(connection, schema, query.value());
                 if (!listed) return listed.error();
                 for (Json& record : listed->items) strip_private(context, schema, record);
                 Json body = Json::object();
                 body["items"] = std::move(listed->items);
                 body["total"] = listed->total;
                 body["next"] = listed->next_offset ? Json(encode_cursor(*listed->next_offset)) : Json();
                 return body;
               });
               if (!page) return problem_response(page.error());
               return json_response(200, page.value());
             },
             {"list_" + schema.name,
              "List " + schema.name + " (" + schema.title_zh + ")",
              schema.name,
              "",
              component + "_page",
              "application/json",
              filter_docs(schema),
              {200, 400, 401, 403},
              false,
              schema.read_access});

  router.add("POST", base,
             [db, &schema, keep](RequestContext& context, const HttpRequest& request, const PathParams&) {
               Result<Json> body = parse_json_body(request);
               if (!body) return problem_response(body.error());
               Result<Json> created = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
                 if (Status allowed = check_record_permission(context, schema, connection, std::nullopt, &body.value());
                     !allowed) {
                   return allowed.error();
                 }
                 return records::create_record(connection, schema, body.value(), writer_of(context));
               });
               HttpResponse response = record_response(created, 201);
               if (created)
                 response.set_header("Location",
                                     "/api/v1/" + schema.name + "/" + created.value()["id"].get<std::string>());
               return response;
             },
             {"create_" + schema.singular,
              "Create a " + schema.singular,
              schema.name,
              component,
              component,
              "application/json",
              {},
              {201, 400, 401, 403, 409, 413, 415, 422},
              false,
              schema.write_access});

  if (schema.has_point || schema.has_geometry) {
    router.add("GET", base + ".geojson",
               [db, &schema, keep](RequestContext& context, const HttpRequest& request, const PathParams&) {
                 Result<records::ListQuery> query = list_query(request);
                 if (!query) return problem_response(query.error());
                 if (Status visible = check_private_query(context, schema, query.value()); !visible)
                   return problem_response(visible.error());
                 limit_to_own(context, schema, query.value());
                 Result<geo::Datum> datum = requested_datum(request);
                 if (!datum) return problem_response(datum.error());
                 Result<Json> collection = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                   Result<records::FeaturePage> page =
                       records::feature_collection(connection, schema, query.value(), datum.value());
                   if (!page) return page.error();
                   if (query->paged) {
                     page->collection["next"] = page->next_offset ? Json(encode_cursor(*page->next_offset)) : Json();
                   }
                   return std::move(page->collection);
                 });
                 if (!collection) return problem_response(collection.error());
                 return json_response(200, collection.value(), "application/geo+json");
               },
               {"geojson_" + schema.name,
                schema.title_zh + " as a GeoJSON FeatureCollection",
                schema.name,
                "",
                "feature_collection",
                "application/geo+json",
                [&] {
                  auto docs = filter_docs(schema);
                  // Without limit or cursor a map gets every matching feature at once.
                  for (QueryParameterDoc& doc : docs) {
                    if (doc.name == "limit")
                      doc.description = "Page size, 1–500; without limit or cursor, every matching feature";
                  }
                  docs.push_back({"datum", "string", "WGS84 (default), GCJ-02 or BD-09"});
                  return docs;
                }(),
                {200, 400, 401, 403},
                false,
                schema.read_access});
  }

  router.add("GET", item,
             [db, &schema, keep](RequestContext& context, const HttpRequest&, const PathParams& params) {
               const std::string& id = params.at("id");
               return record_response(run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Json> record = records::get_record(connection, schema, id);
                 if (record && !may_see_record(context, schema, record.value())) return unseen_record(schema, id);
                 if (record && schema.lifecycle) {
                   Result<Json> history = records::lifecycle_history(connection, *schema.lifecycle, id);
                   if (!history) return history.error();
                   record.value()[schema.lifecycle->name + "_history"] = std::move(history.value());
                 }
                 if (record && sees_private_fields(context, schema, record.value())) {
                   if (Status claims = records::attach_pending_claims(connection, schema, record.value()); !claims)
                     return claims.error();
                 }
                 if (record) strip_private(context, schema, record.value());
                 return record;
               }));
             },
             {"get_" + schema.singular,
              "Get one " + schema.singular,
              schema.name,
              "",
              component,
              "application/json",
              {},
              {200, 401, 403, 404, 410},
              false,
              schema.read_access});

  router.add(
      "PATCH", item,
      [db, &schema, keep](RequestContext& context, const HttpRequest& request, const PathParams& params) {
        const std::string& id = params.at("id");
        Result<std::optional<std::int64_t>> version = if_match_version(request);
        if (!version) return problem_response(version.error());
        Result<Json> body = parse_json_body(request);
        if (!body) return problem_response(body.error());
        return record_response(run_write(*db, [&](store::Connection& connection) -> Result<Json> {
          Result<Json> current = records::get_record(connection, schema, id);
          if (!current) return current.error();
          if (!may_see_record(context, schema, current.value())) return unseen_record(schema, id);
          if (Status allowed = check_record_permission(context, schema, connection, current.value(), &body.value());
              !allowed) {
            return allowed.error();
          }
          // If-Match: * means whatever is current.
          const std::int64_t expected =
              version.value() ? *version.value() : current.value()["version"].get<std::int64_t>();
          Result<Json> updated =
              records::update_record(connection, schema, id, body.value(), expected, writer_of(context));
          if (!updated) return updated;
          // What the owner claimed, rather than changed, shows beside the record.
          if (Status claims = records::attach_pending_claims(connection, schema, updated.value()); !claims)
            return claims.error();
          return updated;
        }));
      },
      {"update_" + schema.singular,
       "Change fields of a " + schema.singular + " (JSON merge patch; null removes a field)",
       schema.name,
       component,
       component,
       "application/json",
       {},
       {200, 400, 401, 403, 404, 409, 410, 412, 413, 415, 422, 428},
       true,
       schema.write_access});

  router.add("DELETE", item,
             [db, &schema, keep](RequestContext& context, const HttpRequest& request, const PathParams& params) {
               std::optional<std::int64_t> expected;
               if (!request.header("if-match").empty()) {
                 Result<std::optional<std::int64_t>> version = if_match_version(request);
                 if (!version) return problem_response(version.error());
                 expected = version.value();
               }
               Result<Json> deleted = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
                 Status done =
                     records::delete_record(connection, schema, params.at("id"), expected, writer_of(context));
                 if (!done) return done.error();
                 return Json();
               });
               if (!deleted) return problem_response(deleted.error());
               HttpResponse response;
               response.status = 204;
               return response;
             },
             {"delete_" + schema.singular,
              "Delete a " + schema.singular + " (kept, marked deleted)",
              schema.name,
              "",
              "",
              "",
              {},
              {204, 401, 403, 404, 409, 410, 412},
              false,
              access::Access::kAdmin});
}

// GET and POST <resource>/{id}/<lifecycle>: the status with its history, and the one way to change it.
void add_lifecycle(Router& router, store::Database* db, const ResourceSchema& schema) {
  const records::Lifecycle& lifecycle = *schema.lifecycle;
  const std::string base = "/api/v1/" + schema.name;
  const std::string component = schema.singular;
  router.add("GET", base + "/{id}/" + lifecycle.name,
             [db, &schema, &lifecycle](RequestContext&, const HttpRequest&, const PathParams& params) {
               Result<Json> history = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Json> record = records::get_record(connection, schema, params.at("id"));
                 if (!record) return record.error();
                 Json body = Json::object();
                 body[lifecycle.record_column] = params.at("id");
                 body[lifecycle.status_field] = record.value().value(lifecycle.status_field, Json());
                 Result<Json> events = records::lifecycle_history(connection, lifecycle, params.at("id"));
                 if (!events) return events.error();
                 body["history"] = std::move(events.value());
                 return body;
               });
               if (!history) return problem_response(history.error());
               return json_response(200, history.value());
             },
             {"get_" + lifecycle.name,
              lifecycle.summary,
              schema.name,
              "",
              lifecycle.name,
              "application/json",
              {},
              {200, 401, 403, 404, 410},
              false,
              lifecycle.access});

  router.add("POST", base + "/{id}/" + lifecycle.name,
             [db, &schema, &lifecycle](RequestContext& context, const HttpRequest& request, const PathParams& params) {
               std::optional<std::int64_t> expected;
               if (!request.header("if-match").empty()) {
                 Result<std::optional<std::int64_t>> version = if_match_version(request);
                 if (!version) return problem_response(version.error());
                 expected = version.value();
               }
               Result<Json> body = parse_json_body(request);
               if (!body) return problem_response(body.error());
               return record_response(run_write(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Json> current = records::get_record(connection, schema, params.at("id"));
                 if (!current) return current.error();
                 if (Status allowed = check_record_permission(context, schema, connection, current.value(), nullptr);
                     !allowed) {
                   return allowed.error();
                 }
                 Result<Json> changed = records::change_lifecycle_status(connection, schema, params.at("id"),
                                                                         body.value(), expected, writer_of(context));
                 if (!changed) return changed.error();
                 // Answered as a read of the record is: with the history the step joined.
                 Result<Json> history = records::lifecycle_history(connection, lifecycle, params.at("id"));
                 if (!history) return history.error();
                 changed.value()[lifecycle.name + "_history"] = std::move(history.value());
                 return changed;
               }));
             },
             {"change_" + lifecycle.name,
              lifecycle.change_summary,
              schema.name,
              lifecycle.name + "_change",
              component,
              "application/json",
              {},
              {200, 400, 401, 403, 404, 410, 412, 415, 422},
              false,
              lifecycle.access});
  router.add_schemas([&lifecycle](Json& schemas) { records::describe_lifecycle(lifecycle, schemas); });
}

}  // namespace

void add_record_routes(Router& router, std::shared_ptr<store::Database> database,
                       const std::deque<records::ResourceSchema>& resources) {
  for (const ResourceSchema& schema : resources) {
    add_resource(router, database, schema);
    if (schema.lifecycle) add_lifecycle(router, database.get(), schema);
  }
  add_claim_routes(router, database, resources);
}

}  // namespace alley::http
