#include <nlohmann/json.hpp>

#include "http/handler_support.h"
#include "http/problem.h"
#include "http/record_permissions.h"
#include "http/routes.h"
#include "records/claims.h"

namespace alley::http {
namespace {

using records::ResourceSchema;

struct Decision {
  bool verified = false;
  std::string note;
};

Result<Decision> read_decision(const Json& body) {
  if (!body.is_object()) return Error::invalid("the request body must be a JSON object");
  std::vector<FieldError> problems;
  Decision decision;
  const Json given = body.value("decision", Json());
  if (given == "verify" || given == "reject") {
    decision.verified = given == "verify";
  } else {
    problems.push_back({"decision", "must be verify or reject"});
  }
  if (body.contains("note")) {
    if (!body["note"].is_string() || body["note"].get<std::string>().size() > 500) {
      problems.push_back({"note", "must be text of at most 500 bytes"});
    } else {
      decision.note = body["note"].get<std::string>();
    }
  }
  for (const auto& [key, value] : body.items()) {
    if (key != "decision" && key != "note") problems.push_back({key, "is not part of a decision"});
  }
  if (!problems.empty()) return Error::invalid("the decision has problems", problems);
  return decision;
}

void add_decision_route(Router& router, store::Database* db, const ResourceSchema& schema) {
  router.add("POST", "/api/v1/" + schema.name + "/{id}/claims/{field}",
             [db, &schema](RequestContext& context, const HttpRequest& request, const PathParams& params) {
               Result<Json> body = parse_json_body(request);
               if (!body) return problem_response(body.error());
               const std::string& id = params.at("id");
               return record_response(run_write(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Json> current = records::get_record(connection, schema, id);
                 if (!current) return current.error();
                 if (Status allowed = check_record_permission(context, schema, connection, current.value(), nullptr);
                     !allowed)
                   return allowed.error();
                 Result<Decision> decision = read_decision(body.value());
                 if (!decision) return decision.error();
                 Result<Json> decided = records::decide_claim(connection, schema, id, params.at("field"),
                                                              decision->verified, decision->note, writer_of(context));
                 if (!decided) return decided;
                 if (Status claims = records::attach_pending_claims(connection, schema, decided.value()); !claims)
                   return claims.error();
                 return decided;
               }));
             },
             {"decide_" + schema.singular + "_claim",
              "Verify (the field takes the claimed value) or reject what the " + schema.singular +
                  " claimed of itself in one field",
              schema.name,
              "claim_decision",
              schema.singular,
              "application/json",
              {},
              {200, 400, 401, 403, 404, 410, 415, 422},
              false,
              access::Access::kStaff});
}

}  // namespace

void add_claim_routes(Router& router, std::shared_ptr<store::Database> database,
                      const std::deque<records::ResourceSchema>& resources) {
  std::vector<const ResourceSchema*> claimable;
  for (const ResourceSchema& schema : resources) {
    if (schema.has_claimable_fields()) claimable.push_back(&schema);
  }
  if (claimable.empty()) return;
  store::Database* db = database.get();
  for (const ResourceSchema* schema : claimable) add_decision_route(router, db, *schema);

  // The staff's inbox: what owners claimed on records the user may change.
  router.add("GET", "/api/v1/claims",
             [db, database, claimable](RequestContext& context, const HttpRequest&, const PathParams&) {
               Result<Json> listed = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Json items = Json::array();
                 for (const ResourceSchema* schema : claimable) {
                   Result<Json> pending = records::pending_claims_of(connection, *schema);
                   if (!pending) return pending.error();
                   for (Json& claim : pending.value()) {
                     Result<Json> record =
                         records::get_record(connection, *schema, claim["record_id"].get<std::string>());
                     if (!record) return record.error();
                     if (!check_record_permission(context, *schema, connection, record.value(), nullptr)) continue;
                     const std::string field = claim["field"].get<std::string>();
                     claim["current"] = record.value().value(field, Json());
                     items.push_back(std::move(claim));
                   }
                 }
                 return Json{{"items", items}, {"total", items.size()}};
               });
               if (!listed) return problem_response(listed.error());
               return json_response(200, listed.value());
             },
             {"list_claims",
              "Claims organizations made of themselves that await verification, on records the user may change",
              "claims",
              "",
              "claim_list",
              "application/json",
              {},
              {200, 401, 403},
              false,
              access::Access::kStaff});

  router.add_schemas([](Json& schemas) {
    schemas["claim"] = {{"type", "object"},
                        {"required", {"value", "claimed_by", "claimed_at"}},
                        {"properties",
                         {{"value", {{"description", "The value claimed; null claims the field does not apply"}}},
                          {"claimed_by", {{"type", "string"}}},
                          {"claimed_at", {{"type", "string"}, {"format", "date-time"}}}}}};
    schemas["claim_decision"] = {
        {"type", "object"},
        {"required", {"decision"}},
        {"additionalProperties", false},
        {"properties",
         {{"decision", {{"type", "string"}, {"enum", {"verify", "reject"}}}},
          {"note", {{"type", "string"}, {"maxLength", 500}, {"description", "Why, or on what evidence"}}}}}};
    const Json pending = {
        {"type", "object"},
        {"required", {"resource", "record_id", "record_name", "field", "value", "current", "claimed_by", "claimed_at"}},
        {"properties",
         {{"resource", {{"type", "string"}}},
          {"record_id", {{"type", "string"}}},
          {"record_name", {{"type", "string"}}},
          {"record_name_en", {{"type", "string"}}},
          {"field", {{"type", "string"}}},
          {"field_label", {{"type", "string"}, {"description", "The field's name in Chinese"}}},
          {"value", {{"description", "What the organization claims"}}},
          {"current", {{"description", "The verified value the record holds now"}}},
          {"claimed_by", {{"type", "string"}}},
          {"claimed_at", {{"type", "string"}, {"format", "date-time"}}}}}};
    schemas["claim_list"] = {{"type", "object"},
                             {"required", {"items", "total"}},
                             {"properties", {{"items", {{"type", "array"}, {"items", pending}}}}}};
  });
}

}  // namespace alley::http
