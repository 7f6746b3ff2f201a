#include "records/lifecycle.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "records/repository.h"

namespace alley::records {
namespace {

store::SqlValue optional_text(const std::optional<std::string>& text) {
  return text ? store::SqlValue(*text) : store::SqlValue();
}

std::string join(const std::vector<std::string>& values) {
  std::string text;
  for (const std::string& value : values) text += (text.empty() ? "" : ", ") + value;
  return text.empty() ? "none" : text;
}

Result<LifecycleEvent> parse_change(const Lifecycle& lifecycle, const Json& body,
                                    const std::optional<std::string>& current, const Actor& actor,
                                    const std::string& today) {
  if (!body.is_object()) return Error::invalid("the request body must be a JSON object");
  std::vector<FieldError> errors;
  LifecycleEvent event;
  event.from_status = current;
  for (const auto& [key, value] : body.items()) {
    if (key != "status" && key != "date" && key != "note" && key != "source") {
      errors.push_back({key, "is not a field of a " + lifecycle.name + " change; use status, date, note, source"});
    }
  }
  const auto known = [&](const std::string& status) {
    return std::find(lifecycle.statuses.begin(), lifecycle.statuses.end(), status) != lifecycle.statuses.end();
  };
  if (!body.contains("status") || !body["status"].is_string() || !known(body["status"].get<std::string>())) {
    errors.push_back({"status", "must be one of: " + join(lifecycle.statuses)});
  } else {
    event.to_status = body["status"].get<std::string>();
    const std::vector<std::string> next = lifecycle.next(current);
    if (std::find(next.begin(), next.end(), event.to_status) == next.end()) {
      errors.push_back({"status", "cannot go from " + current.value_or("none") + " to " + event.to_status + "; from " +
                                      current.value_or("none") + " it can go to " + join(next)});
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
  if (!errors.empty()) return Error::invalid("the " + lifecycle.name + " change is not valid", std::move(errors));
  event.note = body.value("note", "");
  event.source = body.value("source", "entered by " + actor.name);
  return event;
}

}  // namespace

Status insert_lifecycle_event(store::Connection& connection, const Lifecycle& lifecycle, std::string_view record_id,
                              const LifecycleEvent& event, const Actor& actor) {
  Result<std::int64_t> inserted = connection.execute(
      "INSERT INTO " + lifecycle.events_table + " (" + lifecycle.record_column +
          ", from_status, to_status, occurred_on, note, source, recorded_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {std::string(record_id), optional_text(event.from_status), event.to_status, optional_text(event.occurred_on),
       event.note, event.source, connection.clock().now_iso8601(), actor.name});
  if (!inserted) return inserted.error();
  return ok_status();
}

Result<Json> lifecycle_history(store::Connection& connection, const Lifecycle& lifecycle, std::string_view record_id) {
  Result<store::QueryResult> rows =
      connection.query("SELECT from_status, to_status, occurred_on, note, source, recorded_at, actor FROM " +
                           lifecycle.events_table + " WHERE " + lifecycle.record_column + " = ? ORDER BY id",
                       {std::string(record_id)});
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

Result<Json> change_lifecycle_status(store::Connection& connection, const ResourceSchema& schema,
                                     std::string_view record_id, const Json& body,
                                     std::optional<std::int64_t> expected_version, const Actor& actor) {
  const Lifecycle& lifecycle = *schema.lifecycle;
  Result<Json> current = get_record(connection, schema, record_id);
  if (!current) return current.error();
  const std::int64_t version = current.value()["version"].get<std::int64_t>();
  if (expected_version && *expected_version != version) {
    return Error{ErrorCode::kPreconditionFailed,
                 "the " + schema.singular + " was changed after you read it (you have version " +
                     std::to_string(*expected_version) + ", it is now at " + std::to_string(version) +
                     "); reload it and try again",
                 {}};
  }
  std::optional<std::string> status;
  if (current.value().contains(lifecycle.status_field)) {
    status = current.value()[lifecycle.status_field].get<std::string>();
  }
  Result<LifecycleEvent> event = parse_change(lifecycle, body, status, actor, connection.clock().today());
  if (!event) return event.error();
  const std::string now = connection.clock().now_iso8601();
  Result<std::int64_t> changed = connection.execute(
      "UPDATE " + schema.name + " SET " + lifecycle.status_field +
          " = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND deleted_at IS NULL",
      {event->to_status, now, std::string(record_id), version});
  if (!changed) return changed.error();
  if (changed.value() != 1) {
    return Error{ErrorCode::kPreconditionFailed, "the " + schema.singular + " changed meanwhile; retry", {}};
  }
  if (Status logged = insert_lifecycle_event(connection, lifecycle, record_id, event.value(), actor); !logged) {
    return logged.error();
  }
  Json after = current.value();
  after[lifecycle.status_field] = event->to_status;
  after["version"] = version + 1;
  after["updated_at"] = now;
  if (Status audited =
          append_audit(connection, actor, lifecycle.name, schema.name, record_id, &current.value(), &after);
      !audited) {
    return audited.error();
  }
  // A status (an organization "landed") is what other modules may act on.
  if (Status followed = run_write_hooks(connection, schema, actor, &current.value(), &after); !followed) {
    return followed.error();
  }
  return after;
}

WriteHook first_lifecycle_step(std::shared_ptr<const Lifecycle> lifecycle) {
  return
      [lifecycle](store::Connection& connection, const Actor& actor, const Json* before, const Json* after) -> Status {
        if (before || !after || !after->contains(lifecycle->status_field)) return ok_status();
        LifecycleEvent first{std::nullopt, (*after)[lifecycle->status_field].get<std::string>(), std::nullopt,
                             "status when the record was registered", after->value("source", "")};
        return insert_lifecycle_event(connection, *lifecycle, (*after)["id"].get<std::string>(), first, actor);
      };
}

void describe_lifecycle(const Lifecycle& lifecycle, Json& schemas) {
  const std::string event = lifecycle.name + "_event";
  schemas[event] = {{"type", "object"},
                    {"required", {"to_status", "source", "recorded_at", "actor"}},
                    {"properties",
                     {{"from_status", {{"type", {"string", "null"}}}},
                      {"to_status", {{"type", "string"}}},
                      {"occurred_on", {{"type", {"string", "null"}}, {"format", "date"}}},
                      {"note", {{"type", "string"}}},
                      {"source", {{"type", "string"}}},
                      {"recorded_at", {{"type", "string"}, {"format", "date-time"}}},
                      {"actor", {{"type", "string"}}}}}};
  schemas[lifecycle.name] = {
      {"type", "object"},
      {"required", {lifecycle.record_column, lifecycle.status_field, "history"}},
      {"properties",
       {{lifecycle.record_column, {{"type", "string"}}},
        {lifecycle.status_field, {{"type", {"string", "null"}}}},
        {"history", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/" + event}}}}}}}};
  schemas[lifecycle.name + "_change"] = {
      {"type", "object"},
      {"required", {"status"}},
      {"additionalProperties", false},
      {"properties",
       {{"status", {{"type", "string"}, {"enum", lifecycle.statuses}}},
        {"date", {{"type", "string"}, {"format", "date"}, {"description", "when it happened; today if omitted"}}},
        {"note", {{"type", "string"}}},
        {"source", {{"type", "string"}}}}}};
}

}  // namespace alley::records
