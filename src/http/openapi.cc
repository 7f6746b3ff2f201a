#include "http/openapi.h"

#include <nlohmann/json.hpp>

#include "records/lifecycle.h"

namespace alley::http {

using records::FieldSpec;
using records::FieldType;

Json field_schema(const FieldSpec& spec) {
  Json schema = Json::object();
  switch (spec.type) {
    case FieldType::kText:
    case FieldType::kReference:
      schema["type"] = "string";
      break;
    case FieldType::kDate:
      schema["type"] = "string";
      schema["format"] = "date";
      break;
    case FieldType::kInteger:
      schema["type"] = "integer";
      break;
    case FieldType::kReal:
      schema["type"] = "number";
      break;
    case FieldType::kBool:
      schema["type"] = "boolean";
      break;
    case FieldType::kEnum:
      schema["type"] = "string";
      schema["enum"] = spec.values;
      // The values' words, for clients that show them (a case's states, a rating's levels).
      if (!spec.value_labels.empty()) {
        Json labels = Json::object(), labels_en = Json::object();
        for (std::size_t i = 0; i < spec.values.size() && i < spec.value_labels.size(); ++i) {
          labels[spec.values[i]] = spec.value_labels[i].first;
          labels_en[spec.values[i]] = spec.value_labels[i].second;
        }
        schema["x-enum-labels"] = labels;
        schema["x-enum-labels-en"] = labels_en;
      }
      break;
    case FieldType::kTextArray:
      schema["type"] = "array";
      schema["items"] = {{"type", "string"}};
      break;
    case FieldType::kJson:
      schema["type"] = {"object", "array"};
      break;
    case FieldType::kGeometry:
      schema["type"] = "object";
      schema["properties"] = {{"type", {{"type", "string"}, {"enum", spec.values}}},
                              {"coordinates", {{"type", "array"}}}};
      schema["required"] = {"type", "coordinates"};
      break;
  }
  if (spec.type == FieldType::kText || spec.type == FieldType::kReference) schema["maxLength"] = spec.max_length;
  if (spec.type == FieldType::kText && spec.is_moment) schema["format"] = "date-time";
  if (spec.minimum) schema[spec.exclusive_minimum ? "exclusiveMinimum" : "minimum"] = *spec.minimum;
  if (spec.maximum) schema["maximum"] = *spec.maximum;
  if (spec.name == "id" || spec.type == FieldType::kReference) schema["pattern"] = "^[a-z0-9][a-z0-9_-]{0,63}$";
  std::string description = spec.description;
  if (!spec.references.empty()) {
    description += spec.type == FieldType::kTextArray ? " (ids of " + spec.references + " records)"
                                                      : " (id of a " + spec.references + " record)";
  }
  if (spec.create_only) description += "; set on create only: " + spec.locked_hint;
  if (spec.kept_by_server) {
    description += "; kept by the server: " + spec.locked_hint;
    schema["readOnly"] = true;
  }
  if (spec.unique) description += "; no two live records share it (409)";
  if (!spec.is_public) {
    description += "; not public: district staff and the organization itself only";
    schema["x-public"] = false;
  }
  schema["description"] = description;
  if (!spec.label.empty()) schema["title"] = spec.label;
  if (!spec.label_en.empty()) schema["x-title-en"] = spec.label_en;
  // Who may set or change the field, for clients that build forms from this document.
  if (spec.written_by != records::Writer::kOwner) {
    schema["x-written-by"] = spec.written_by == records::Writer::kStaff ? "staff" : "admin";
  }
  if (spec.create_only || spec.name == "id") schema["x-create-only"] = true;
  if (!spec.references.empty()) schema["x-references"] = spec.references;
  if (spec.claimable) {
    schema["x-claimed-by-owner"] = true;
    schema["description"] = schema["description"].get<std::string>() +
                            "; what the organization itself writes is a claim until district staff verify it";
  }
  return schema;
}

namespace {

Json resource_schema(const records::ResourceSchema& resource) {
  Json properties = Json::object();
  Json required = Json::array();
  for (const FieldSpec& spec : resource.fields) {
    properties[spec.name] = field_schema(spec);
    if (spec.required) required.push_back(spec.name);
  }
  properties["version"] = {
      {"type", "integer"}, {"readOnly", true}, {"description", "Increases with every write; the ETag"}};
  properties["created_at"] = {{"type", "string"}, {"format", "date-time"}, {"readOnly", true}};
  properties["updated_at"] = {{"type", "string"}, {"format", "date-time"}, {"readOnly", true}};
  if (resource.lifecycle) {
    const std::string& name = resource.lifecycle->name;
    properties[name + "_history"] = {{"type", "array"},
                                     {"readOnly", true},
                                     {"items", {{"$ref", "#/components/schemas/" + name + "_event"}}},
                                     {"description", "Present when one " + resource.singular + " is read"}};
  }
  if (resource.has_claimable_fields()) {
    properties["claims"] = {
        {"type", "object"},
        {"readOnly", true},
        {"additionalProperties", {{"$ref", "#/components/schemas/claim"}}},
        {"description", "Pending claims by field, awaiting verification by district staff; present when one " +
                            resource.singular + " is read by staff or its owner and it has any"}};
  }
  return {{"type", "object"},
          {"title", resource.title_zh},
          {"properties", properties},
          {"required", required},
          {"additionalProperties", false}};
}

Json components(const Router& router, const std::deque<records::ResourceSchema>& resources) {
  Json schemas = Json::object();
  for (const records::ResourceSchema& resource : resources) {
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
  schemas["health"] = {{"type", "object"},
                       {"required", {"status", "schema_version"}},
                       {"properties",
                        {{"status", {{"type", "string"}}},
                         {"schema_version", {{"type", "integer"}}},
                         {"pack", {{"type", {"string", "null"}}}},
                         {"version", {{"type", "string"}}}}}};
  schemas["api_index"] = {
      {"type", "object"},
      {"required", {"name", "version", "resources"}},
      {"properties",
       {{"name", {{"type", "string"}}}, {"version", {{"type", "string"}}}, {"resources", {{"type", "array"}}}}}};
  schemas["openapi"] = {{"type", "object"}, {"required", {"openapi", "paths"}}};
  schemas["problem"] = {
      {"type", "object"},
      {"required", {"title", "status", "detail"}},
      {"properties",
       {{"type", {{"type", "string"}}},
        {"title", {{"type", "string"}}},
        {"status", {{"type", "integer"}}},
        {"detail", {{"type", "string"}, {"description", "in English"}}},
        {"detail_zh", {{"type", "string"}, {"description", "the same in Chinese, where the server has it"}}},
        {"allowed",
         {{"type", "array"},
          {"items", {{"type", "string"}}},
          {"description", "for an action refused in a case's present state, the actions open now"}}},
        {"errors",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"required", {"field", "message"}},
            {"properties",
             {{"field", {{"type", "string"}}},
              {"message", {{"type", "string"}}},
              {"message_zh", {{"type", "string"}}}}}}}}}}}};
  for (const Router::SchemaWriter& write : router.schema_writers()) write(schemas);
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
    parameters.push_back({{"name", name},
                          {"in", "path"},
                          {"required", true},
                          {"schema", {{"type", "string"}, {"pattern", "^[a-z0-9][a-z0-9_-]{0,63}$"}}}});
  }
  for (const QueryParameterDoc& query : doc.query) {
    parameters.push_back({{"name", query.name},
                          {"in", "query"},
                          {"required", false},
                          {"description", query.description},
                          {"schema", query.choices.empty() ? Json{{"type", query.type}}
                                                           : Json{{"type", query.type}, {"enum", query.choices}}}});
  }
  parameters.push_back(
      {{"name", "lang"}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}, {"enum", kLanguages}}}});
  if (doc.needs_if_match) {
    parameters.push_back({{"name", "If-Match"},
                          {"in", "header"},
                          {"required", true},
                          {"description", "The ETag last read; a stale one gets 412"},
                          {"schema", {{"type", "string"}}}});
  }
  op["parameters"] = parameters;
  // Who may call it (the full table is docs/SECURITY.md).
  op["x-access"] = access::access_name(doc.access);
  if (doc.access != access::Access::kPublic)
    op["security"] = {{{"session", Json::array()}}, {{"token", Json::array()}}};
  if (!doc.request_schema.empty()) {
    op["requestBody"] = {
        {"required", true},
        {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + doc.request_schema}}}}}}}};
  }
  Json responses = Json::object();
  for (int status : doc.statuses) {
    Json response = Json::object();
    if (status < 300) {
      response["description"] = "Success";
      if (!doc.response_schema.empty()) {
        response["content"] = {
            {doc.response_type, {{"schema", {{"$ref", "#/components/schemas/" + doc.response_schema}}}}}};
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

Json build_openapi(const Router& router, const std::deque<records::ResourceSchema>& resources) {
  Json paths = Json::object();
  for (const Route& route : router.routes()) paths[route.pattern][lower(route.method)] = operation(route);
  Json document = Json::object();
  document["openapi"] = "3.1.0";
  document["info"] = {
      {"title", "Alley API"},
      {"version", ALLEY_VERSION},
      {"description", "The operating platform of an innovation district. Errors are RFC 9457 problem+json."}};
  document["paths"] = paths;
  document["components"] = components(router, resources);
  document["components"]["securitySchemes"] = {
      {"session",
       {{"type", "apiKey"},
        {"in", "cookie"},
        {"name", "alley_session"},
        {"description", "set by POST /api/v1/session; writes also need X-CSRF-Token"}}},
      {"token",
       {{"type", "http"}, {"scheme", "bearer"}, {"description", "a personal API token (alley token create)"}}}};
  return document;
}

}  // namespace alley::http
