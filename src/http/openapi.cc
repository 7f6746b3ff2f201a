#include "http/openapi.h"

#include <nlohmann/json.hpp>

#include "accounts/password_policy.h"
#include "policies/verdicts.h"
#include "registry/schemas.h"

namespace alley::http {
namespace {

using registry::FieldSpec;
using registry::FieldType;

// The limits of the password policy that a schema can state; the rest (the
// user name, repetition, common passwords) only the server checks.
Json password_schema() {
  return {{"type", "string"},
          {"minLength", accounts::kMinimumPasswordLength},
          {"maxLength", accounts::kMaximumPasswordLength},
          {"description", std::to_string(accounts::kMinimumPasswordLength) + "–" +
                              std::to_string(accounts::kMaximumPasswordLength) +
                              " characters; not the user name nor containing it, not one character repeated, "
                              "not a common password (docs/SECURITY.md)"}};
}

Json field_schema(const FieldSpec& spec) {
  Json schema = Json::object();
  switch (spec.type) {
    case FieldType::kText:
    case FieldType::kReference: schema["type"] = "string"; break;
    case FieldType::kDate: schema["type"] = "string"; schema["format"] = "date"; break;
    case FieldType::kInteger: schema["type"] = "integer"; break;
    case FieldType::kReal: schema["type"] = "number"; break;
    case FieldType::kBool: schema["type"] = "boolean"; break;
    case FieldType::kEnum: schema["type"] = "string"; schema["enum"] = spec.values; break;
    case FieldType::kTextArray: schema["type"] = "array"; schema["items"] = {{"type", "string"}}; break;
    case FieldType::kJson: schema["type"] = {"object", "array"}; break;
    case FieldType::kGeometry:
      schema["type"] = "object";
      schema["properties"] = {{"type", {{"type", "string"}, {"enum", spec.values}}}, {"coordinates", {{"type", "array"}}}};
      schema["required"] = {"type", "coordinates"};
      break;
  }
  if (spec.type == FieldType::kText || spec.type == FieldType::kReference) schema["maxLength"] = spec.max_length;
  if (spec.minimum) schema[spec.exclusive_minimum ? "exclusiveMinimum" : "minimum"] = *spec.minimum;
  if (spec.maximum) schema["maximum"] = *spec.maximum;
  if (spec.name == "id" || spec.type == FieldType::kReference) schema["pattern"] = "^[a-z0-9][a-z0-9_-]{0,63}$";
  std::string description = spec.description;
  if (!spec.references.empty()) {
    description += spec.type == FieldType::kTextArray ? " (ids of " + spec.references + " records)"
                                                      : " (id of a " + spec.references + " record)";
  }
  if (spec.create_only) description += "; set on create only: " + spec.locked_hint;
  if (spec.unique) description += "; no two live records share it (409)";
  if (!spec.is_public) description += "; not public: district staff and the organization itself only";
  schema["description"] = description;
  if (!spec.label.empty()) schema["title"] = spec.label;
  // Who may set or change the field, for clients that build forms from this document.
  if (spec.written_by != registry::Writer::kOwner) {
    schema["x-written-by"] = spec.written_by == registry::Writer::kStaff ? "staff" : "admin";
  }
  return schema;
}

Json calculator_attributes() {
  Json properties = Json::object();
  for (const FieldSpec* spec : policies::calculator_fields()) properties[spec->name] = field_schema(*spec);
  return {{"type", "object"}, {"properties", properties}, {"additionalProperties", false},
          {"description", "What is known of the enterprise; leave out (or send null for) what is not"}};
}

Json resource_schema(const registry::ResourceSchema& resource) {
  Json properties = Json::object();
  Json required = Json::array();
  for (const FieldSpec& spec : resource.fields) {
    properties[spec.name] = field_schema(spec);
    if (spec.required) required.push_back(spec.name);
  }
  properties["version"] = {{"type", "integer"}, {"readOnly", true}, {"description", "Increases with every write; the ETag"}};
  properties["created_at"] = {{"type", "string"}, {"format", "date-time"}, {"readOnly", true}};
  properties["updated_at"] = {{"type", "string"}, {"format", "date-time"}, {"readOnly", true}};
  if (resource.name == "organizations") {
    properties["pipeline_history"] = {{"type", "array"}, {"readOnly", true}, {"items", {{"$ref", "#/components/schemas/pipeline_event"}}},
                                      {"description", "Present when one organization is read"}};
  }
  return {{"type", "object"}, {"title", resource.title_zh}, {"properties", properties}, {"required", required},
          {"additionalProperties", false}};
}

Json components() {
  Json schemas = Json::object();
  for (const registry::ResourceSchema& resource : registry::registry_schemas()) {
    schemas[resource.singular] = resource_schema(resource);
    schemas[resource.singular + "_page"] = {
        {"type", "object"},
        {"required", {"items", "total", "next"}},
        {"properties",
         {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/" + resource.singular}}}}},
          {"total", {{"type", "integer"}}},
          {"next", {{"type", {"string", "null"}}, {"description", "cursor of the next page, null on the last"}}}}}};
  }
  schemas["feature_collection"] = {
      {"type", "object"},
      {"required", {"type", "features"}},
      {"properties",
       {{"type", {{"const", "FeatureCollection"}}},
        {"datum", {{"type", "string"}, {"enum", {"WGS84", "GCJ-02", "BD-09"}}}},
        {"without_geometry", {{"type", "integer"}, {"description", "matching records that have no position"}}},
        {"features", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}};
  schemas["pipeline_event"] = {
      {"type", "object"},
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
  schemas["health"] = {{"type", "object"},
                       {"required", {"status", "schema_version"}},
                       {"properties",
                        {{"status", {{"type", "string"}}},
                         {"schema_version", {{"type", "integer"}}},
                         {"pack", {{"type", {"string", "null"}}}},
                         {"version", {{"type", "string"}}}}}};
  schemas["api_index"] = {{"type", "object"}, {"required", {"name", "version", "resources"}},
                          {"properties", {{"name", {{"type", "string"}}}, {"version", {{"type", "string"}}},
                                          {"resources", {{"type", "array"}}}}}};
  const Json user_properties = {{"id", {{"type", "string"}}}, {"username", {{"type", "string"}}},
                                {"role", {{"type", "string"}, {"enum", {"admin", "department", "subdistrict", "enterprise"}}}},
                                {"department_id", {{"type", "string"}}}, {"org_id", {{"type", "string"}}},
                                {"disabled", {{"type", "boolean"}}}};
  schemas["user"] = {{"type", "object"}, {"required", {"id", "username", "role", "disabled"}}, {"properties", user_properties},
                     {"additionalProperties", false}};
  schemas["user_page"] = {{"type", "object"}, {"required", {"items", "total", "next"}},
                          {"properties", {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/user"}}}}},
                                          {"total", {{"type", "integer"}}}, {"next", {{"type", {"string", "null"}}}}}}};
  schemas["new_user"] = {{"type", "object"},
                         {"required", {"username", "role", "password"}},
                         {"properties",
                          {{"username", {{"type", "string"}}},
                           {"role", user_properties["role"]},
                           {"department_id", {{"type", "string"}}},
                           {"org_id", {{"type", "string"}}},
                           {"password", password_schema()}}}};
  schemas["user_change"] = {{"type", "object"},
                            {"properties", {{"disabled", {{"type", "boolean"}}}, {"password", password_schema()}}}};
  schemas["credentials"] = {{"type", "object"}, {"required", {"username", "password"}},
                            {"properties", {{"username", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}};
  schemas["session"] = {{"type", "object"}, {"required", {"user"}},
                        {"properties", {{"user", {{"$ref", "#/components/schemas/user"}}},
                                        {"csrf_token", {{"type", "string"}, {"description", "send it as X-CSRF-Token with cookie-authenticated writes"}}},
                                        {"expires_at", {{"type", "string"}, {"format", "date-time"}}}}}};
  schemas["token_request"] = {{"type", "object"}, {"required", {"name"}}, {"properties", {{"name", {{"type", "string"}}}}}};
  schemas["new_token"] = {{"type", "object"}, {"required", {"token"}}, {"properties", {{"token", {{"type", "string"}}}, {"note", {{"type", "string"}}}}}};
  schemas["token_page"] = {{"type", "object"}, {"required", {"items", "total", "next"}}};
  schemas["audit_page"] = {{"type", "object"}, {"required", {"items", "total", "next"}}};
  schemas["plan_tree"] = {{"type", "object"}, {"required", {"plan", "counts", "overdue", "tree"}}};
  schemas["kpi_progress"] = {{"type", "object"}, {"required", {"kpi_id", "name", "target", "value", "history", "forecast", "status"}},
                             {"properties", {{"status", {{"type", "string"}, {"enum", {"green", "amber", "red", "no_data"}}}}}}};
  schemas["kpi_progress_list"] = {{"type", "object"}, {"required", {"items", "total", "by_status"}}};
  schemas["policy_matches"] = {{"type", "object"}, {"required", {"policy_id", "total", "items"}}};
  schemas["organization_policies"] = {{"type", "object"}, {"required", {"organization_id", "eligible", "not_eligible"}}};
  schemas["policy_calculation"] = {{"type", "object"}, {"required", {"eligible", "not_eligible"}}};
  schemas["calculator_attributes"] = calculator_attributes();
  schemas["notification"] = {{"type", "object"},
                             {"required", {"id", "recipient_kind", "recipient_id", "kind", "message", "created_at", "read_at"}},
                             {"properties", {{"id", {{"type", "integer"}}},
                                             {"recipient_kind", {{"type", "string"}, {"enum", {"organization", "department"}}}},
                                             {"read_at", {{"type", {"string", "null"}}}},
                                             {"match_count", {{"type", "integer"}, {"description", "new matches a department digest counts"}}}}}};
  schemas["notification_page"] = {{"type", "object"}, {"required", {"items", "total", "unread", "next"}}};
  schemas["stats"] = {{"type", "object"}, {"required", {"organizations", "places", "spaces"}}};
  schemas["search_result"] = {
      {"type", "object"},
      {"required", {"items", "total", "query"}},
      {"properties",
       {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/search_hit"}}}}},
        {"total", {{"type", "integer"}}},
        {"query", {{"type", "string"}, {"description", "the query as matched, in Simplified script"}}}}}};
  schemas["search_hit"] = {
      {"type", "object"},
      {"required", {"resource", "id", "name", "synthetic", "score", "href"}},
      {"additionalProperties", false},
      {"properties",
       {{"resource", {{"type", "string"}}}, {"id", {{"type", "string"}}}, {"name", {{"type", "string"}}},
        {"name_en", {{"type", "string"}}}, {"synthetic", {{"type", "boolean"}}}, {"score", {{"type", "number"}}},
        {"href", {{"type", "string"}}}}}};
  schemas["openapi"] = {{"type", "object"}, {"required", {"openapi", "paths"}}};
  schemas["problem"] = {
      {"type", "object"},
      {"required", {"title", "status", "detail"}},
      {"properties",
       {{"type", {{"type", "string"}}},
        {"title", {{"type", "string"}}},
        {"status", {{"type", "integer"}}},
        {"detail", {{"type", "string"}}},
        {"errors",
         {{"type", "array"},
          {"items", {{"type", "object"}, {"required", {"field", "message"}},
                     {"properties", {{"field", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}}}};
  return {{"schemas", schemas}};
}

Json operation(const Route& route) {
  const RouteDoc& doc = route.doc;
  Json op = Json::object();
  op["operationId"] = doc.operation_id;
  op["summary"] = doc.summary;
  op["tags"] = {doc.tag};
  Json parameters = Json::array();
  for (std::size_t at = route.pattern.find('{'); at != std::string::npos; at = route.pattern.find('{', at + 1)) {
    const std::string name = route.pattern.substr(at + 1, route.pattern.find('}', at) - at - 1);
    parameters.push_back({{"name", name}, {"in", "path"}, {"required", true},
                          {"schema", {{"type", "string"}, {"pattern", "^[a-z0-9][a-z0-9_-]{0,63}$"}}}});
  }
  for (const QueryParameterDoc& query : doc.query) {
    parameters.push_back({{"name", query.name}, {"in", "query"}, {"required", false},
                          {"description", query.description}, {"schema", {{"type", query.type}}}});
  }
  parameters.push_back({{"name", "lang"}, {"in", "query"}, {"required", false},
                        {"schema", {{"type", "string"}, {"enum", {"zh-Hans", "zh-Hant", "en"}}}}});
  if (doc.needs_if_match) {
    parameters.push_back({{"name", "If-Match"}, {"in", "header"}, {"required", true},
                          {"description", "The ETag last read; a stale one gets 412"},
                          {"schema", {{"type", "string"}}}});
  }
  op["parameters"] = parameters;
  // Who may call it (the full table is docs/SECURITY.md).
  op["x-access"] = access_name(doc.access);
  if (doc.access != Access::kPublic) op["security"] = {{{"session", Json::array()}}, {{"token", Json::array()}}};
  if (!doc.request_schema.empty()) {
    op["requestBody"] = {{"required", true},
                         {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + doc.request_schema}}}}}}}};
  }
  Json responses = Json::object();
  for (int status : doc.statuses) {
    Json response = Json::object();
    if (status < 300) {
      response["description"] = "Success";
      if (!doc.response_schema.empty()) {
        response["content"] = {{doc.response_type, {{"schema", {{"$ref", "#/components/schemas/" + doc.response_schema}}}}}};
      } else if (!doc.response_type.empty()) {  // a file: a spreadsheet, a PDF
        response["content"] = {{doc.response_type, {{"schema", {{"type", "string"}, {"format", "binary"}}}}}};
      }
    } else {
      response["description"] = "Problem";
      response["content"] = {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/problem"}}}}}};
    }
    responses[std::to_string(status)] = response;
  }
  op["responses"] = responses;
  return op;
}

std::string lower(std::string text) {
  for (char& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

Json build_openapi(const Router& router) {
  Json paths = Json::object();
  for (const Route& route : router.routes()) paths[route.pattern][lower(route.method)] = operation(route);
  Json document = Json::object();
  document["openapi"] = "3.1.0";
  document["info"] = {{"title", "Alley API"},
                      {"version", ALLEY_VERSION},
                      {"description", "The operating platform of an innovation district. Errors are RFC 9457 problem+json."}};
  document["paths"] = paths;
  document["components"] = components();
  document["components"]["securitySchemes"] = {
      {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "alley_session"},
                   {"description", "set by POST /api/v1/session; writes also need X-CSRF-Token"}}},
      {"token", {{"type", "http"}, {"scheme", "bearer"}, {"description", "a personal API token (alley token create)"}}}};
  return document;
}

}  // namespace alley::http
