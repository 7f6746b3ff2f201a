#include "records/lifecycle.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/district_time.h"
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

bool is_web_link(const std::string& text) {
  return (text.starts_with("https://") || text.starts_with("http://")) && text.size() <= 2000 &&
         text.find_first_of(" \t\r\n") == std::string::npos && text.size() > 8;
}

const StepField* step_field(const Lifecycle& lifecycle, const std::string& name) {
  for (const StepField& field : lifecycle.step_fields) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

// One step field's value, checked; an error message otherwise.
std::optional<std::string> step_field_error(const StepField& field, const Json& value, const std::string& today) {
  switch (field.kind) {
    case StepField::Kind::kText:
      if (!value.is_string() || value.get<std::string>().size() > 2000) return "must be a string of at most 2000 bytes";
      return std::nullopt;
    case StepField::Kind::kComingDate:
      if (!value.is_string() || !is_valid_date(value.get<std::string>())) return "must be a date written YYYY-MM-DD";
      if (value.get<std::string>() < today) return "must be today (" + today + ") or later";
      return std::nullopt;
    case StepField::Kind::kLinks:
    case StepField::Kind::kIds: {
      const bool links = field.kind == StepField::Kind::kLinks;
      if (!value.is_array() || value.size() > 20) return "must be a list of at most 20";
      for (const Json& item : value) {
        if (!item.is_string()) return "must list strings";
        if (links && !is_web_link(item.get<std::string>())) {
          return "must list web addresses starting with https:// or http://";
        }
        if (!links && (item.get<std::string>().empty() || item.get<std::string>().size() > 64)) {
          return "must list ids";
        }
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::string accepted_fields(const Lifecycle& lifecycle) {
  std::string names = "status, date, note, source";
  for (const StepField& field : lifecycle.step_fields) names += ", " + field.name;
  return names;
}

Result<LifecycleEvent> parse_change(const Lifecycle& lifecycle, const Json& body,
                                    const std::optional<std::string>& current, const Actor& actor,
                                    const std::string& today) {
  if (!body.is_object()) return Error::invalid("the request body must be a JSON object");
  std::vector<FieldError> errors;
  LifecycleEvent event;
  event.from_status = current;
  for (const auto& [key, value] : body.items()) {
    if (key == "status" || key == "date" || key == "note" || key == "source") continue;
    if (const StepField* field = step_field(lifecycle, key)) {
      if (value.is_null()) continue;
      if (std::optional<std::string> problem = step_field_error(*field, value, today)) {
        errors.push_back({key, *problem});
      } else if (!(value.is_array() && value.empty()) && !(value.is_string() && value.get<std::string>().empty())) {
        event.details[key] = value;
      }
      continue;
    }
    errors.push_back({key, "is not a field of a " + lifecycle.name + " change; use " + accepted_fields(lifecycle),
                      "不是此项操作可填写的内容"});
  }
  const auto known = [&](const std::string& status) {
    return std::find(lifecycle.statuses.begin(), lifecycle.statuses.end(), status) != lifecycle.statuses.end();
  };
  if (!body.contains("status") || !body["status"].is_string() || !known(body["status"].get<std::string>())) {
    errors.push_back({"status", "must be one of: " + join(lifecycle.statuses), "请选择一个状态"});
  } else {
    event.to_status = body["status"].get<std::string>();
    std::vector<std::string> next = lifecycle.next(current);
    if (lifecycle.follow_ups && current) next.insert(next.begin(), *current);
    if (std::find(next.begin(), next.end(), event.to_status) == next.end()) {
      errors.push_back({"status",
                        "cannot go from " + current.value_or("none") + " to " + event.to_status + "; from " +
                            current.value_or("none") + " it can go to " + join(next),
                        "当前状态不能直接变为所选状态"});
    }
  }
  if (body.contains("date")) {
    if (!body["date"].is_string() || !is_valid_date(body["date"].get<std::string>())) {
      errors.push_back({"date", "must be a date written YYYY-MM-DD", "日期格式应为 年-月-日，如 2026-12-02"});
    } else if (body["date"].get<std::string>() > today) {
      errors.push_back({"date", "cannot be in the future", "不能晚于今天"});
    } else {
      event.occurred_on = body["date"].get<std::string>();
    }
  } else {
    event.occurred_on = today;
  }
  for (const char* text_field : {"note", "source"}) {
    if (!body.contains(text_field)) continue;
    if (!body[text_field].is_string() || body[text_field].get<std::string>().size() > 2000) {
      errors.push_back({text_field, "must be a string of at most 2000 bytes", "应为文本，不超过2000字节"});
    }
  }
  if (!errors.empty()) return Error::invalid("the " + lifecycle.name + " change is not valid", std::move(errors));
  event.note = body.value("note", "");
  event.source = body.value("source", "entered by " + actor.name);
  if (event.source.empty()) event.source = "entered by " + actor.name;
  return event;
}

}  // namespace

Status insert_lifecycle_event(store::Connection& connection, const Lifecycle& lifecycle, std::string_view record_id,
                              const LifecycleEvent& event, const Actor& actor) {
  Result<std::int64_t> inserted = connection.execute(
      "INSERT INTO " + lifecycle.events_table + " (" + lifecycle.record_column +
          ", from_status, to_status, occurred_on, note, source, recorded_at, actor, details) VALUES (?, ?, ?, ?, ?, ?, "
          "?, ?, ?)",
      {std::string(record_id), optional_text(event.from_status), event.to_status, optional_text(event.occurred_on),
       event.note, event.source, connection.clock().now_iso8601(), actor.name,
       event.details.empty() ? store::SqlValue() : store::SqlValue(event.details.dump())});
  if (!inserted) return inserted.error();
  return ok_status();
}

Result<Json> lifecycle_history(store::Connection& connection, const Lifecycle& lifecycle, std::string_view record_id) {
  Result<store::QueryResult> rows =
      connection.query("SELECT from_status, to_status, occurred_on, note, source, recorded_at, actor, details FROM " +
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
    if (!store::is_null(row[7])) {
      const Json details = Json::parse(store::as_text(row[7]), nullptr, false);
      if (details.is_object()) {
        for (const auto& [key, value] : details.items()) entry[key] = value;
      }
    }
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
  std::optional<std::string> status;
  if (current.value().contains(lifecycle.status_field)) {
    status = current.value()[lifecycle.status_field].get<std::string>();
  }
  Result<LifecycleEvent> event = parse_change(lifecycle, body, status, actor, district_date(connection.clock().now()));
  if (!event) return event.error();
  for (const StepHook& check : lifecycle.check_step) {
    if (Status checked = check(connection, record_id, event.value(), actor); !checked) return checked.error();
  }
  Json changes = event->record_changes;
  changes[lifecycle.status_field] = event->to_status;
  Result<Json> after =
      write_server_fields(connection, schema, current.value(), changes, expected_version, lifecycle.name, actor);
  if (!after) return after.error();
  if (Status logged = insert_lifecycle_event(connection, lifecycle, record_id, event.value(), actor); !logged) {
    return logged.error();
  }
  // A status (an organization "landed") is what other modules may act on.
  if (Status followed = run_write_hooks(connection, schema, actor, &current.value(), &after.value()); !followed) {
    return followed.error();
  }
  for (const StepHook& follow : lifecycle.after_step) {
    if (Status done = follow(connection, record_id, event.value(), actor); !done) return done.error();
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
  Json change_properties = {
      {"status",
       {{"type", "string"},
        {"enum", lifecycle.statuses},
        {"description", lifecycle.follow_ups ? "the status it moves to; its current status records a follow-up"
                                             : "the status it moves to"}}},
      {"date",
       {{"type", "string"},
        {"format", "date"},
        {"description", "when it happened (Asia/Shanghai), not later than today; today if omitted"}}},
      {"note", {{"type", "string"}}},
      {"source", {{"type", "string"}}}};
  for (const StepField& field : lifecycle.step_fields) {
    Json property = {{"description", field.description}};
    switch (field.kind) {
      case StepField::Kind::kText:
        property["type"] = "string";
        property["maxLength"] = 2000;
        break;
      case StepField::Kind::kComingDate:
        property["type"] = "string";
        property["format"] = "date";
        break;
      case StepField::Kind::kLinks:
        property["type"] = "array";
        property["items"] = {{"type", "string"}, {"format", "uri"}};
        property["maxItems"] = 20;
        break;
      case StepField::Kind::kIds:
        property["type"] = "array";
        property["items"] = {{"type", "string"}};
        property["maxItems"] = 20;
        break;
    }
    change_properties[field.name] = property;
    schemas[event]["properties"][field.name] = property;
  }
  for (const auto& [name, property] : lifecycle.added_properties.items()) {
    schemas[event]["properties"][name] = property;
  }
  // Which statuses each may move to ("" for a record not yet in the lifecycle), so a form offers only those.
  Json transitions = Json::object();
  transitions[""] = lifecycle.next(std::nullopt);
  for (const std::string& status : lifecycle.statuses) {
    std::vector<std::string> next = lifecycle.next(status);
    if (lifecycle.follow_ups) next.insert(next.begin(), status);
    transitions[status] = next;
  }
  schemas[lifecycle.name]["x-transitions"] = transitions;
  schemas[lifecycle.name + "_change"] = {
      {"type", "object"}, {"required", {"status"}}, {"additionalProperties", false}, {"properties", change_properties}};
}

}  // namespace alley::records
