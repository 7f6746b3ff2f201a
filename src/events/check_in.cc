#include "events/check_in.h"

#include <nlohmann/json.hpp>

#include "core/ids.h"
#include "events/event_workflow.h"
#include "events/tickets.h"
#include "records/repository.h"

namespace alley::events {
namespace {

// The door is open from registration until the event is reported.
Result<Json> door_open(store::Connection& connection, const EventBook& book, const std::string& event_id) {
  Result<Json> event = records::get_record(connection, *book.schema, event_id);
  if (!event) return event.error();
  const std::string status = event->value("status", "");
  if (status == "open" || status == "full" || status == "closed" || status == "held") return event;
  return Error(ErrorCode::kConflict,
               "check-in is open from registration until the event is reported (now " + status + ")")
      .in_chinese("签到仅在报名开放后、活动总结前进行");
}

// What the door shows of a person: never the phone.
Json at_the_door(const Json& row) {
  Json shown = {{"id", row["id"]}, {"name", row["name"]}, {"status", row["status"]}, {"walk_in", row["walk_in"]}};
  if (row.contains("organisation")) shown["organisation"] = row["organisation"];
  if (row.contains("checked_in_at")) shown["checked_in_at"] = row["checked_in_at"];
  return shown;
}

Result<Json> answer(store::Connection& connection, const std::string& event_id, const std::string& result,
                    const Json* row) {
  Result<Attendance> counted = attendance_of(connection, event_id);
  if (!counted) return counted.error();
  Json out = {{"result", result}, {"attendance", attendance_json(counted.value(), false)}};
  if (row) out["registration"] = at_the_door(*row);
  return out;
}

}  // namespace

Result<Json> check_in(store::Connection& connection, const EventBook& book, const std::string& event_id,
                      const std::string& typed_code, const access::User& staff, TimePoint now) {
  Result<Json> event = door_open(connection, book, event_id);
  if (!event) return event.error();
  const std::optional<std::string> code = normalized_ticket_code(typed_code);
  if (!code) return answer(connection, event_id, "not_registered", nullptr);
  Result<store::QueryResult> found = connection.query("SELECT id FROM event_registrations WHERE ticket = ?", {*code});
  if (!found) return found.error();
  if (found->rows.empty()) return answer(connection, event_id, "not_registered", nullptr);
  Result<Json> row = registration_row(connection, store::as_text(found->rows[0][0]));
  if (!row) return row.error();
  if (row.value()["event_id"] != event_id) return answer(connection, event_id, "wrong_event", nullptr);
  const std::string status = row.value()["status"].get<std::string>();
  if (row.value().contains("checked_in_at")) return answer(connection, event_id, "already_used", &row.value());
  if (status == "waitlisted" || status == "offered") return answer(connection, event_id, "waiting", &row.value());
  if (status != "confirmed") return answer(connection, event_id, "cancelled", &row.value());
  Result<std::int64_t> done = connection.execute(
      "UPDATE event_registrations SET checked_in_at = ?, checked_in_by = ?, updated_at = ? WHERE id = ? AND "
      "checked_in_at IS NULL",
      {iso8601(now), staff.username, iso8601(now), row.value()["id"].get<std::string>()});
  if (!done) return done.error();
  Result<Json> after = registration_row(connection, row.value()["id"].get<std::string>());
  if (!after) return after.error();
  return answer(connection, event_id, "accepted", &after.value());
}

Result<Json> add_walk_in(store::Connection& connection, const EventBook& book, const std::string& event_id,
                         const Registrant& person, const access::User& staff, TimePoint now) {
  Result<Json> event = door_open(connection, book, event_id);
  if (!event) return event.error();
  Result<store::QueryResult> last =
      connection.query("SELECT COALESCE(MAX(seq), 0) FROM event_registrations WHERE event_id = ?", {event_id});
  if (!last) return last.error();
  const std::string id = new_id("reg");
  const std::string at = iso8601(now);
  auto optional = [](const std::string& text) { return text.empty() ? store::SqlValue() : store::SqlValue(text); };
  Result<std::int64_t> inserted = connection.execute(
      "INSERT INTO event_registrations (id, event_id, seq, status, name, organisation, phone, entered_by, ticket, "
      "walk_in, checked_in_at, checked_in_by, created_at, updated_at) VALUES (?, ?, ?, 'confirmed', ?, ?, ?, ?, ?, 1, "
      "?, ?, ?, ?)",
      {id, event_id, store::as_integer(last->rows[0][0]).value_or(0) + 1, person.name, optional(person.organisation),
       optional(person.phone), staff.username, new_ticket_code(), at, staff.username, at, at});
  if (!inserted) return inserted.error();
  Result<Json> row = registration_row(connection, id);
  if (!row) return row.error();
  return answer(connection, event_id, "accepted", &row.value());
}

}  // namespace alley::events
