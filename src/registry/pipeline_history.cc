#include "registry/pipeline_history.h"

#include <nlohmann/json.hpp>

#include "records/repository.h"
#include "registry/pipeline.h"

namespace alley::registry {
namespace {

store::SqlValue optional_text(const std::optional<std::string>& text) {
  return text ? store::SqlValue(*text) : store::SqlValue();
}

std::string join(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : ", ") + value;
  return text.empty() ? "none" : text;
}

Result<PipelineEvent> parse_change(const Json& body, const std::optional<std::string>& current,
                                   const records::Actor& actor, const std::string& today) {
  if (!body.is_object()) return Error::invalid("the request body must be a JSON object");
  std::vector<FieldError> errors;
  PipelineEvent event;
  event.from_status = current;
  for (const auto& [key, value] : body.items()) {
    if (key != "status" && key != "date" && key != "note" && key != "source") {
      errors.push_back({key, "is not a field of a pipeline change; use status, date, note, source"});
    }
  }
  if (!body.contains("status") || !body["status"].is_string() ||
      !is_pipeline_status(body["status"].get<std::string>())) {
    errors.push_back({"status", "must be one of: " + join(pipeline_statuses())});
  } else {
    event.to_status = body["status"].get<std::string>();
    if (!pipeline_transition_allowed(current, event.to_status)) {
      errors.push_back({"status", "cannot go from " + current.value_or("none") + " to " + event.to_status + "; from " +
                                      current.value_or("none") + " it can go to " +
                                      join(pipeline_next_statuses(current))});
    }
  }
  if (body.contains("date")) {
    if (!body["date"].is_string() || !is_valid_date(body["date"].get<std::string>())) {
      errors.push_back({"date", "must be a date written YYYY-MM-DD"});
    } else if (body["date"].get<std::string>() > today) {
      errors.push_back({"date", "cannot be in the future"});
    } else {
      event.occurred_on = body["date"].get<std::string>();
    }
  } else {
    event.occurred_on = today;
  }
  for (const char* text_field : {"note", "source"}) {
    if (!body.contains(text_field)) continue;
    if (!body[text_field].is_string() || body[text_field].get<std::string>().size() > 2000) {
      errors.push_back({text_field, "must be a string of at most 2000 bytes"});
    }
  }
  if (!errors.empty()) return Error::invalid("the pipeline change is not valid", std::move(errors));
  event.note = body.value("note", "");
  event.source = body.value("source", "entered by " + actor.name);
  return event;
}

}  // namespace

Status insert_pipeline_event(store::Connection& connection, std::string_view organization_id,
                             const PipelineEvent& event, const records::Actor& actor) {
  Result<std::int64_t> inserted = connection.execute(
      "INSERT INTO pipeline_events (organization_id, from_status, to_status, occurred_on, note, source, "
      "recorded_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {std::string(organization_id), optional_text(event.from_status), event.to_status,
       optional_text(event.occurred_on), event.note, event.source, connection.clock().now_iso8601(), actor.name});
  if (!inserted) return inserted.error();
  return ok_status();
}

Result<Json> pipeline_history(store::Connection& connection, std::string_view organization_id) {
  Result<store::QueryResult> rows = connection.query(
      "SELECT from_status, to_status, occurred_on, note, source, recorded_at, actor FROM pipeline_events "
      "WHERE organization_id = ? ORDER BY id",
      {std::string(organization_id)});
  if (!rows) return rows.error();
  Json history = Json::array();
  for (const store::Row& row : rows->rows) {
    Json entry = Json::object();
    entry["from_status"] = store::is_null(row[0]) ? Json() : Json(store::as_text(row[0]));
    entry["to_status"] = store::as_text(row[1]);
    entry["occurred_on"] = store::is_null(row[2]) ? Json() : Json(store::as_text(row[2]));
    entry["note"] = store::as_text(row[3]);
    entry["source"] = store::as_text(row[4]);
    entry["recorded_at"] = store::as_text(row[5]);
    entry["actor"] = store::as_text(row[6]);
    history.push_back(std::move(entry));
  }
  return history;
}

Result<Json> change_pipeline_status(store::Connection& connection, const records::ResourceSchema& organizations,
                                    std::string_view organization_id, const Json& body,
                                    std::optional<std::int64_t> expected_version, const records::Actor& actor) {
  const records::ResourceSchema& schema = organizations;
  Result<Json> current = records::get_record(connection, schema, organization_id);
  if (!current) return current.error();
  const std::int64_t version = current.value()["version"].get<std::int64_t>();
  if (expected_version && *expected_version != version) {
    return Error{ErrorCode::kPreconditionFailed,
                 "the organization was changed after you read it (you have version " +
                     std::to_string(*expected_version) + ", it is now at " + std::to_string(version) +
                     "); reload it and try again",
                 {}};
  }
  std::optional<std::string> status;
  if (current.value().contains("pipeline_status")) status = current.value()["pipeline_status"].get<std::string>();
  Result<PipelineEvent> event = parse_change(body, status, actor, connection.clock().today());
  if (!event) return event.error();
  const std::string now = connection.clock().now_iso8601();
  Result<std::int64_t> changed = connection.execute(
      "UPDATE organizations SET pipeline_status = ?, version = version + 1, updated_at = ? "
      "WHERE id = ? AND version = ? AND deleted_at IS NULL",
      {event->to_status, now, std::string(organization_id), version});
  if (!changed) return changed.error();
  if (changed.value() != 1)
    return Error{ErrorCode::kPreconditionFailed, "the organization changed meanwhile; retry", {}};
  if (Status logged = insert_pipeline_event(connection, organization_id, event.value(), actor); !logged) {
    return logged.error();
  }
  Json after = current.value();
  after["pipeline_status"] = event->to_status;
  after["version"] = version + 1;
  after["updated_at"] = now;
  if (Status audited =
          records::append_audit(connection, actor, "pipeline", schema.name, organization_id, &current.value(), &after);
      !audited) {
    return audited.error();
  }
  // A status such as "landed" is what many eligibility rules ask for.
  if (Status followed = records::run_write_hooks(connection, schema, actor, &current.value(), &after); !followed)
    return followed.error();
  return after;
}

}  // namespace alley::registry
