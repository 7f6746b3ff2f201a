#include "records/claims.h"

#include <nlohmann/json.hpp>

#include "core/json_text.h"
#include "records/record_validator.h"
#include "records/repository.h"

namespace alley::records {
namespace {

const char* const kClaimsSchema =
    "CREATE TABLE claims (id {{AUTO_ID}}, resource TEXT NOT NULL, record_id TEXT NOT NULL, field TEXT NOT NULL, "
    "value TEXT NOT NULL, claimed_by TEXT NOT NULL, claimed_at TEXT NOT NULL, decision TEXT, decided_by TEXT, "
    "decided_at TEXT, note TEXT);"
    "CREATE INDEX claims_record ON claims(resource, record_id, decision);";

Json stored_value(const store::SqlValue& text) {
  Result<Json> parsed = parse_json_text(store::as_text(text), "a stored claim");
  return parsed ? parsed.value() : Json();
}

// Closes the pending claim on the field, if any, with `decision`.
Status close_pending(store::Connection& connection, const ResourceSchema& schema, std::string_view record_id,
                     const std::string& field, const std::string& decision, const Actor& actor,
                     const std::string& note) {
  Result<std::int64_t> closed = connection.execute(
      "UPDATE claims SET decision = ?, decided_by = ?, decided_at = ?, note = ? "
      "WHERE resource = ? AND record_id = ? AND field = ? AND decision IS NULL",
      {decision, actor.name, connection.clock().now_iso8601(), note.empty() ? store::SqlValue() : store::SqlValue(note),
       schema.name, std::string(record_id), field});
  if (!closed) return closed.error();
  return ok_status();
}

}  // namespace

store::Migration claims_migration() {
  return store::Migration(8, "claims", kClaimsSchema, {store::TableSpec("claims").with_identity_key()});
}

Json take_claims(const ResourceSchema& schema, Json& patch, const Json* current, const Actor& actor) {
  Json claimed = Json::object();
  if (!patch.is_object()) return claimed;
  for (auto entry = patch.begin(); entry != patch.end();) {
    const FieldSpec* spec = schema.find(entry.key());
    const Json now = current && current->contains(entry.key()) ? (*current)[entry.key()] : Json();
    if (!spec || !spec->claimable || actor.standing >= spec->written_by || entry.value() == now) {
      ++entry;
      continue;
    }
    claimed[entry.key()] = entry.value();
    entry = patch.erase(entry);
  }
  return claimed;
}

Status record_claims(store::Connection& connection, const ResourceSchema& schema, std::string_view record_id,
                     const Json& claimed, const Actor& actor) {
  std::vector<FieldError> problems;
  for (const auto& [field, value] : claimed.items()) {
    if (value.is_null()) continue;  // claims the field does not apply
    if (auto problem = value_problem(*schema.find(field), value)) problems.push_back(std::move(*problem));
  }
  if (!problems.empty()) return Error::invalid("the claimed values are not ones these fields take", problems);
  for (const auto& [field, value] : claimed.items()) {
    if (Status superseded = close_pending(connection, schema, record_id, field, "superseded", actor, ""); !superseded)
      return superseded;
    Result<std::int64_t> added = connection.execute(
        "INSERT INTO claims (resource, record_id, field, value, claimed_by, claimed_at) VALUES (?, ?, ?, ?, ?, ?)",
        {schema.name, std::string(record_id), field, value.dump(), actor.name, connection.clock().now_iso8601()});
    if (!added) return added.error();
  }
  return append_audit(connection, actor, "claim", schema.name, record_id, nullptr, &claimed);
}

Result<Json> pending_claims(store::Connection& connection, const ResourceSchema& schema, std::string_view record_id) {
  Result<store::QueryResult> rows = connection.query(
      "SELECT field, value, claimed_by, claimed_at FROM claims WHERE resource = ? AND record_id = ? "
      "AND decision IS NULL ORDER BY id",
      {schema.name, std::string(record_id)});
  if (!rows) return rows.error();
  Json claims = Json::object();
  for (const store::Row& row : rows->rows) {
    claims[store::as_text(row[0])] = {{"value", stored_value(row[1])},
                                      {"claimed_by", store::as_text(row[2])},
                                      {"claimed_at", store::as_text(row[3])}};
  }
  return claims;
}

Status attach_pending_claims(store::Connection& connection, const ResourceSchema& schema, Json& record) {
  if (!schema.has_claimable_fields()) return ok_status();
  Result<Json> claims = pending_claims(connection, schema, record["id"].get<std::string>());
  if (!claims) return claims.error();
  if (!claims->empty()) record["claims"] = std::move(claims.value());
  return ok_status();
}

Result<Json> pending_claims_of(store::Connection& connection, const ResourceSchema& schema) {
  Result<store::QueryResult> rows = connection.query(
      "SELECT c.record_id, r.name, c.field, c.value, c.claimed_by, c.claimed_at, r.name_en FROM claims c JOIN " +
          schema.name +
          " r ON r.id = c.record_id WHERE c.resource = ? AND c.decision IS NULL AND r.deleted_at IS NULL "
          "ORDER BY c.claimed_at, c.id",
      {schema.name});
  if (!rows) return rows.error();
  Json items = Json::array();
  for (const store::Row& row : rows->rows) {
    Json item = {{"resource", schema.name},
                 {"record_id", store::as_text(row[0])},
                 {"record_name", store::as_text(row[1])},
                 {"field", store::as_text(row[2])},
                 {"value", stored_value(row[3])},
                 {"claimed_by", store::as_text(row[4])},
                 {"claimed_at", store::as_text(row[5])}};
    if (!store::as_text(row[6]).empty()) item["record_name_en"] = store::as_text(row[6]);
    if (const FieldSpec* spec = schema.find(item["field"].get<std::string>()); spec && !spec->label.empty())
      item["field_label"] = spec->label;
    items.push_back(std::move(item));
  }
  return items;
}

Result<Json> decide_claim(store::Connection& connection, const ResourceSchema& schema, std::string_view record_id,
                          const std::string& field, bool verified, const std::string& note, const Actor& actor) {
  Result<Json> claims = pending_claims(connection, schema, record_id);
  if (!claims) return claims.error();
  if (!claims->contains(field)) {
    return Error::not_found("the " + schema.singular + " '" + std::string(record_id) + "' has no pending claim on " +
                            field);
  }
  const Json claim = (*claims)[field];
  Json decided = {{"field", field}, {"value", claim["value"]}, {"claimed_by", claim["claimed_by"]}};
  if (!note.empty()) decided["note"] = note;
  Result<Json> record = get_record(connection, schema, record_id);
  if (!record) return record.error();
  if (verified) {
    Json patch = {{field, claim["value"]}};
    record = update_record(connection, schema, record_id, patch, record.value()["version"].get<std::int64_t>(), actor);
    if (!record) return record.error();
  }
  if (Status closed =
          close_pending(connection, schema, record_id, field, verified ? "verified" : "rejected", actor, note);
      !closed)
    return closed.error();
  if (Status audited = append_audit(connection, actor, verified ? "verify_claim" : "reject_claim", schema.name,
                                    record_id, nullptr, &decided);
      !audited)
    return audited.error();
  decided["verified"] = verified;
  for (const ClaimHook& hook : schema.after_claim_decision) {
    if (Status followed = hook(connection, actor, record_id, decided); !followed) return followed.error();
  }
  return record;
}

}  // namespace alley::records
