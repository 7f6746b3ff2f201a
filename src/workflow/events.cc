#include "workflow/events.h"

#include <nlohmann/json.hpp>

#include "store/database.h"

namespace alley::workflow {

const char* const kEventsTableSql =
    "CREATE TABLE workflow_events (id {{AUTO_ID}}, case_resource TEXT NOT NULL, case_id TEXT NOT NULL, seq BIGINT NOT "
    "NULL, action TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL, actor TEXT NOT NULL, unit TEXT, "
    "occurred_at TEXT NOT NULL, reason TEXT, comment TEXT, payload TEXT NOT NULL, recorded_at TEXT NOT NULL);"
    "CREATE UNIQUE INDEX workflow_events_of_case ON workflow_events(case_resource, case_id, seq);";

namespace {

store::SqlValue text_or_null(const std::string& text) {
  return text.empty() ? store::SqlValue() : store::SqlValue(text);
}

std::string label_of(const std::vector<Labelled>& values, const std::string& name) {
  for (const Labelled& value : values) {
    if (value.name == name) return value.label;
  }
  return name;
}

}  // namespace

Status append_event(store::Connection& connection, std::string_view resource, std::string_view case_id, Event& event) {
  Result<store::QueryResult> last =
      connection.query("SELECT MAX(seq) FROM workflow_events WHERE case_resource = ? AND case_id = ?",
                       {std::string(resource), std::string(case_id)});
  if (!last) return last.error();
  event.seq = last->rows.empty() || store::is_null(last->rows[0][0]) ? 1 : *store::as_integer(last->rows[0][0]) + 1;
  Result<std::int64_t> stored = connection.execute(
      "INSERT INTO workflow_events (case_resource, case_id, seq, action, from_state, to_state, actor, unit, "
      "occurred_at, reason, comment, payload, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {std::string(resource), std::string(case_id), event.seq, event.action, text_or_null(event.from_state),
       event.to_state, event.actor, text_or_null(event.unit), event.at, text_or_null(event.reason),
       text_or_null(event.comment), event.payload.dump(), connection.clock().now_iso8601()});
  if (!stored) return stored.error();
  return ok_status();
}

namespace {

constexpr const char* kEventColumns =
    "SELECT seq, action, from_state, to_state, actor, unit, occurred_at, reason, comment, payload, case_id FROM "
    "workflow_events WHERE case_resource = ? ";

Event event_of_row(const store::Row& row) {
  Event event;
  event.seq = store::as_integer(row[0]).value_or(0);
  event.action = store::as_text(row[1]);
  event.from_state = store::as_text(row[2]);
  event.to_state = store::as_text(row[3]);
  event.actor = store::as_text(row[4]);
  event.unit = store::as_text(row[5]);
  event.at = store::as_text(row[6]);
  event.reason = store::as_text(row[7]);
  event.comment = store::as_text(row[8]);
  event.payload = Json::parse(store::as_text(row[9]), nullptr, false);
  if (!event.payload.is_object()) event.payload = Json::object();
  return event;
}

}  // namespace

Result<std::vector<Event>> events_of(store::Connection& connection, std::string_view resource,
                                     std::string_view case_id) {
  Result<store::QueryResult> rows = connection.query(std::string(kEventColumns) + "AND case_id = ? ORDER BY seq",
                                                     {std::string(resource), std::string(case_id)});
  if (!rows) return rows.error();
  std::vector<Event> events;
  events.reserve(rows->rows.size());
  for (const auto& row : rows->rows) events.push_back(event_of_row(row));
  return events;
}

Result<std::unordered_map<std::string, std::vector<Event>>> events_by_case(store::Connection& connection,
                                                                           std::string_view resource) {
  Result<store::QueryResult> rows =
      connection.query(std::string(kEventColumns) + "ORDER BY case_id, seq", {std::string(resource)});
  if (!rows) return rows.error();
  std::unordered_map<std::string, std::vector<Event>> cases;
  for (const auto& row : rows->rows) cases[store::as_text(row[10])].push_back(event_of_row(row));
  return cases;
}

Json event_json(const Workflow& workflow, const Event& event) {
  Json json = {{"seq", event.seq},     {"action", event.action}, {"to_state", event.to_state},
               {"actor", event.actor}, {"at", event.at},         {"payload", event.payload}};
  if (const Action* action = workflow.find_action(event.action)) {
    json["action_label"] = action->label;
    json["action_label_en"] = action->label_en;
    for (const Input& input : action->inputs) {
      if (input.kind == Input::Kind::kReasonCode && !event.reason.empty())
        json["reason_label"] = label_of(input.values, event.reason);
    }
  }
  if (!event.from_state.empty()) json["from_state"] = event.from_state;
  if (!event.unit.empty()) json["unit"] = event.unit;
  if (!event.reason.empty()) json["reason"] = event.reason;
  if (!event.comment.empty()) json["comment"] = event.comment;
  return json;
}

}  // namespace alley::workflow
