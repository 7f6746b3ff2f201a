#include "events/registrations.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "core/ids.h"
#include "core/time_text.h"
#include "core/utf8.h"
#include "events/event_terms.h"
#include "events/event_workflow.h"
#include "events/tickets.h"
#include "notifications/notifications.h"
#include "records/repository.h"
#include "workflow/actions.h"

namespace alley::events {
namespace {

constexpr const char* kColumns =
    "id, event_id, seq, status, name, organisation, phone, user_id, username, org_id, entered_by, ticket, walk_in, "
    "offer_expires_at, checked_in_at, checked_in_by, created_at, updated_at";
// The states that hold a seat, and those still in the running for one.
constexpr const char* kSeated = "('confirmed', 'offered')";
constexpr const char* kLive = "('confirmed', 'offered', 'waitlisted')";

Json row_json(const store::QueryResult& result, const store::Row& row) {
  Json out = Json::object();
  for (std::size_t i = 0; i < result.columns.size(); ++i) {
    const store::SqlValue& value = row.values[i];
    if (std::holds_alternative<std::monostate>(value)) continue;
    if (const auto* number = std::get_if<std::int64_t>(&value))
      out[result.columns[i]] = *number;
    else
      out[result.columns[i]] = store::as_text(value);
  }
  out["walk_in"] = out.value("walk_in", 0) != 0;
  return out;
}

Result<std::int64_t> count(store::Connection& connection, const std::string& event_id, const std::string& where) {
  Result<store::QueryResult> rows =
      connection.query("SELECT COUNT(*) FROM event_registrations WHERE event_id = ? AND " + where, {event_id});
  if (!rows) return rows.error();
  return store::as_integer(rows->rows[0][0]).value_or(0);
}

// Whether anyone is on the event's waiting list, without counting it.
Result<bool> anyone_waiting(store::Connection& connection, const std::string& event_id) {
  Result<store::QueryResult> rows = connection.query(
      "SELECT 1 FROM event_registrations WHERE event_id = ? AND status = 'waitlisted' LIMIT 1", {event_id});
  if (!rows) return rows.error();
  return !rows->rows.empty();
}

Result<Json> event_of(store::Connection& connection, const EventBook& book, const std::string& event_id) {
  return records::get_record(connection, *book.schema, event_id);
}

std::optional<std::int64_t> capacity_of(const Json& event) {
  if (!event.contains("capacity") || !event["capacity"].is_number_integer()) return std::nullopt;
  return event["capacity"].get<std::int64_t>();
}

// The system moves the event to full and back, as its seats fill and free, at the moment they do.
Status move_event(store::Connection& connection, const EventBook& book, const Json& event, const char* action,
                  TimePoint now) {
  workflow::ActionRequest request;
  request.action = action;
  request.at = iso8601(now);
  const workflow::Acting system{nullptr, {"system", "", access::Writer::kAdmin}};
  Result<Json> after =
      workflow::take_action(connection, *book.flow, *book.schema, event.value("id", ""), request, system);
  return after ? ok_status() : Status(after.error());
}

Status tell_user(store::Connection& connection, const Json& registration, const Json& event, const char* kind,
                 const std::string& message) {
  if (!registration.contains("user_id")) return ok_status();
  notifications::Notice notice;
  notice.recipient = notifications::Recipient::kUser;
  notice.recipient_id = registration["user_id"].get<std::string>();
  notice.kind = kind;
  notice.message = message;
  notice.subject_resource = "events";
  notice.subject_id = event.value("id", "");
  return notifications::notify(connection, notice);
}

// Free seats go to the first on the list, each held for the event's offer time;
// seats left with nobody waiting open a full event again.
Status offer_free_seats(store::Connection& connection, const EventBook& book, const Json& event, TimePoint now) {
  const std::string id = event.value("id", "");
  const std::string status = event.value("status", "");
  if (status == "cancelled" || is_over(status)) return ok_status();
  const std::optional<std::int64_t> capacity = capacity_of(event);
  if (!capacity) return ok_status();
  Result<std::int64_t> seated = count(connection, id, std::string("status IN ") + kSeated);
  if (!seated) return seated.error();
  const int hours = event.value("offer_hours", kDefaultOfferHours);
  const std::string expires = iso8601(now + std::chrono::hours(hours));
  for (std::int64_t free = *capacity - *seated; free > 0; --free) {
    Result<store::QueryResult> next = connection.query(
        std::string("SELECT ") + kColumns +
            " FROM event_registrations WHERE event_id = ? AND status = 'waitlisted' ORDER BY seq LIMIT 1",
        {id});
    if (!next) return next.error();
    if (next->rows.empty()) {
      if (status == "full") return move_event(connection, book, event, "reopen", now);
      return ok_status();
    }
    const Json waiting = row_json(next.value(), next->rows[0]);
    Result<std::int64_t> offered = connection.execute(
        "UPDATE event_registrations SET status = 'offered', offer_expires_at = ?, updated_at = ? WHERE id = ?",
        {expires, iso8601(now), waiting["id"].get<std::string>()});
    if (!offered) return offered.error();
    if (Status told = tell_user(
            connection, waiting, event, "event_seat_offered",
            "活动“" + event.value("name", "") + "”有空余名额，请在 " + std::to_string(hours) + " 小时内确认参加");
        !told)
      return told;
  }
  return ok_status();
}

Result<Json> registration_in(store::Connection& connection, const std::string& event_id,
                             const std::string& registration_id) {
  Result<Json> row = registration_row(connection, registration_id);
  if (!row) return row.error();
  if (row.value()["event_id"] != event_id)
    return Error::not_found("no registration " + registration_id + " for this event").in_chinese("没有这条报名");
  return row;
}

Error not_taking(const Json& event) {
  return Error(ErrorCode::kConflict, "the event takes no registrations now (" + event.value("status", "") + ")")
      .in_chinese("该活动当前不接受报名");
}

// Who may register for an event of each audience: the public anyone, enterprise
// users those for enterprises, staff those for staff; the organisers enter anyone, invitees only by them.
Status audience_admits(const Json& event, const Registrant& registrant) {
  if (registrant.entered_by) {
    if (organises(*registrant.entered_by, event)) return ok_status();
    return Error(ErrorCode::kForbidden, "only the event's organisers enter other people")
        .in_chinese("只有主办单位的工作人员可以代他人报名");
  }
  const std::string audience = event.value("audience", "public");
  const access::User* user = registrant.user;
  if (audience == "public") return ok_status();
  if (audience == "enterprises" && user) return ok_status();
  if (audience == "staff" && user && user->is_staff()) return ok_status();
  const char* who = audience == "enterprises" ? "已登录的企业用户和工作人员"
                    : audience == "staff"     ? "工作人员"
                                              : "受邀者（由主办单位登记）";
  return Error(ErrorCode::kForbidden, "this event takes registrations from " + audience + " only")
      .in_chinese(std::string("本活动仅限") + who + "报名");
}

}  // namespace

Result<Json> registration_row(store::Connection& connection, const std::string& registration_id) {
  Result<store::QueryResult> rows =
      connection.query(std::string("SELECT ") + kColumns + " FROM event_registrations WHERE id = ?", {registration_id});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return Error::not_found("no registration " + registration_id).in_chinese("没有这条报名");
  return row_json(rows.value(), rows->rows[0]);
}

bool registered_by(const access::User& user, const Json& registration) {
  return !user.id.empty() && registration.value("user_id", "") == user.id;
}

std::string masked_phone(const std::string& phone) {
  if (phone.size() <= 7) return std::string(phone.size(), '*');
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

Result<Registrant> read_registrant(const Json& body, const access::User* user) {
  if (!body.is_object()) return Error::malformed("a registration is a JSON object");
  std::vector<FieldError> errors;
  for (const auto& [key, value] : body.items()) {
    if (key != "name" && key != "organisation" && key != "phone")
      errors.push_back({key, "unknown field: a registration takes name, organisation and phone",
                        "未知字段：报名只需姓名、单位和电话"});
  }
  auto text = [&](const char* name, std::size_t longest, bool required) -> std::string {
    if (!body.contains(name) || body[name].is_null() || (body[name].is_string() && body[name] == "")) {
      if (required) errors.push_back({name, "is required", "必填"});
      return "";
    }
    if (!body[name].is_string()) {
      errors.push_back({name, "must be text", "须为文字"});
      return "";
    }
    const std::string value = body[name].get<std::string>();
    const bool control = value.find_first_of(std::string("\0\r\n\t", 4)) != std::string::npos;
    if (!is_valid_utf8(value) || control || utf8_length(value) > longest) {
      errors.push_back({name, "must be one line of at most " + std::to_string(longest) + " characters",
                        "须为一行文字，最多 " + std::to_string(longest) + " 个字"});
      return "";
    }
    return value;
  };
  Registrant registrant;
  // Staff who give a name enter someone else; a user registering themself need not give one.
  if (user && user->is_staff() && body.contains("name"))
    registrant.entered_by = user;
  else
    registrant.user = user;
  registrant.name = text("name", 50, !registrant.user);
  if (registrant.user && registrant.name.empty()) registrant.name = user->username;
  registrant.organisation = text("organisation", 100, false);
  registrant.phone = text("phone", 20, !user);
  if (registrant.phone.find_first_not_of("0123456789+- ") != std::string::npos)
    errors.push_back(
        {"phone", "a phone number has digits, spaces, + and - only", "电话号码只能包含数字、空格、+ 和 -"});
  if (!errors.empty())
    return Error::invalid("the registration is not complete", std::move(errors)).in_chinese("报名信息有误");
  return registrant;
}

Result<Json> register_for(store::Connection& connection, const EventBook& book, const std::string& event_id,
                          const Registrant& registrant, TimePoint now) {
  if (Status settled = settle_offers(connection, book, event_id, now); !settled) return settled.error();
  Result<Json> event = event_of(connection, book, event_id);
  if (!event) return event.error();
  const std::string status = event->value("status", "");
  if (status != "open" && status != "full") return not_taking(event.value());
  if (Status admitted = audience_admits(event.value(), registrant); !admitted) return admitted.error();

  // One live registration a person: by account, or by phone number.
  std::vector<store::SqlValue> who = {event_id};
  std::string same;
  if (registrant.user) {
    same = "user_id = ?";
    who.push_back(registrant.user->id);
  } else if (!registrant.phone.empty()) {
    same = "phone = ?";
    who.push_back(registrant.phone);
  }
  if (!same.empty()) {
    Result<store::QueryResult> held = connection.query(
        std::string("SELECT id FROM event_registrations WHERE event_id = ? AND status IN ") + kLive + " AND " + same,
        who);
    if (!held) return held.error();
    if (!held->rows.empty())
      return Error(ErrorCode::kConflict, "already registered for this event").in_chinese("已报名本活动，无需重复报名");
  }

  // A seat while one is free and nobody waits for it; else the end of the list. Only what
  // decides that is counted: a burst of thousands must not count the list for each of them.
  const std::optional<std::int64_t> capacity = capacity_of(event.value());
  Result<std::int64_t> seated =
      capacity ? count(connection, event_id, std::string("status IN ") + kSeated) : Result<std::int64_t>(0);
  if (!seated) return seated.error();
  std::optional<std::int64_t> waiting;  // for one who joins the list: how many wait before them
  if (capacity) {
    Result<bool> joins = *seated >= *capacity ? Result<bool>(true) : anyone_waiting(connection, event_id);
    if (!joins) return joins.error();
    if (*joins) {
      Result<std::int64_t> counted = count(connection, event_id, "status = 'waitlisted'");
      if (!counted) return counted.error();
      waiting = *counted;
    }
  }
  const bool seat = !waiting;
  Result<store::QueryResult> last =
      connection.query("SELECT COALESCE(MAX(seq), 0) FROM event_registrations WHERE event_id = ?", {event_id});
  if (!last) return last.error();
  const std::int64_t seq = store::as_integer(last->rows[0][0]).value_or(0) + 1;

  const std::string id = new_id("reg");
  const std::string at = iso8601(now);
  auto optional = [](const std::string& text) { return text.empty() ? store::SqlValue() : store::SqlValue(text); };
  const access::User* user = registrant.user;
  Result<std::int64_t> inserted = connection.execute(
      std::string("INSERT INTO event_registrations (") + kColumns +
          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, NULL, ?, ?)",
      {id, event_id, seq, std::string(seat ? "confirmed" : "waitlisted"), registrant.name,
       optional(registrant.organisation), optional(registrant.phone), optional(user ? user->id : ""),
       optional(user ? user->username : ""), optional(user ? user->org_id : ""),
       optional(registrant.entered_by ? registrant.entered_by->username : ""), new_ticket_code(), at, at});
  if (!inserted) return inserted.error();
  if (seat && capacity && *seated + 1 >= *capacity && status == "open") {
    if (Status filled = move_event(connection, book, event.value(), "fill", now); !filled) return filled.error();
  }
  Result<Json> row = registration_row(connection, id);
  if (!row) return row.error();
  Json answer = registration_for_registrant(row.value());
  // The last on the list: after everyone who waited before.
  if (!seat) answer["position"] = *waiting + 1;
  return answer;
}

Result<Json> cancel_registration(store::Connection& connection, const EventBook& book, const std::string& event_id,
                                 const std::string& registration_id, TimePoint now) {
  Result<Json> row = registration_in(connection, event_id, registration_id);
  if (!row) return row.error();
  const std::string status = row.value()["status"].get<std::string>();
  if (status == "cancelled" || status == "expired")
    return Error(ErrorCode::kConflict, "the registration is no longer live").in_chinese("该报名已取消或已失效");
  if (row.value().contains("checked_in_at"))
    return Error(ErrorCode::kConflict, "a registration checked in at the door stands")
        .in_chinese("已签到的报名不能取消");
  Result<std::int64_t> done =
      connection.execute("UPDATE event_registrations SET status = 'cancelled', updated_at = ? WHERE id = ?",
                         {iso8601(now), registration_id});
  if (!done) return done.error();
  if (status != "waitlisted") {
    Result<Json> event = event_of(connection, book, event_id);
    if (!event) return event.error();
    if (Status offered = offer_free_seats(connection, book, event.value(), now); !offered) return offered.error();
  }
  Result<Json> after = registration_row(connection, registration_id);
  if (!after) return after.error();
  return registration_for_registrant(after.value());
}

Result<Json> accept_offer(store::Connection& connection, const EventBook& book, const std::string& event_id,
                          const std::string& registration_id, TimePoint now) {
  Result<Json> row = registration_in(connection, event_id, registration_id);
  if (!row) return row.error();
  std::string status = row.value()["status"].get<std::string>();
  // Run out but not yet passed on (settle_offers does that, in a transaction of its own): as good as expired.
  if (status == "offered" && row.value().value("offer_expires_at", "") <= iso8601(now)) status = "expired";
  if (status == "confirmed") return registration_for_registrant(row.value());
  if (status != "offered")
    return Error(ErrorCode::kConflict, status == "expired" ? "the offer ran out before it was taken up"
                                                           : "no seat is offered to this registration")
        .in_chinese(status == "expired" ? "候补名额的确认时限已过" : "该报名没有待确认的名额");
  Result<std::int64_t> done = connection.execute(
      "UPDATE event_registrations SET status = 'confirmed', offer_expires_at = NULL, updated_at = ? WHERE id = ?",
      {iso8601(now), registration_id});
  if (!done) return done.error();
  Result<Json> after = registration_row(connection, registration_id);
  if (!after) return after.error();
  return registration_for_registrant(after.value());
}

Status settle_offers(store::Connection& connection, const EventBook& book, const std::string& event_id, TimePoint now) {
  if (event_id.empty()) {
    Result<store::QueryResult> due = connection.query(
        "SELECT DISTINCT event_id FROM event_registrations WHERE status = 'offered' AND offer_expires_at <= ?",
        {iso8601(now)});
    if (!due) return due.error();
    for (const store::Row& row : due->rows) {
      if (Status settled = settle_offers(connection, book, store::as_text(row[0]), now); !settled) return settled;
    }
    return ok_status();
  }
  Result<std::int64_t> expired = connection.execute(
      "UPDATE event_registrations SET status = 'expired', updated_at = ? WHERE event_id = ? AND status = 'offered' "
      "AND offer_expires_at <= ?",
      {iso8601(now), event_id, iso8601(now)});
  if (!expired) return expired.error();
  if (*expired == 0) return ok_status();
  Result<Json> event = event_of(connection, book, event_id);
  if (!event) return event.error();
  return offer_free_seats(connection, book, event.value(), now);
}

Json registration_for_registrant(const Json& row) {
  Json out = {{"id", row["id"]},
              {"event_id", row["event_id"]},
              {"status", row["status"]},
              {"name", row["name"]},
              {"created_at", row["created_at"]}};
  for (const char* field : {"organisation", "offer_expires_at", "checked_in_at"}) {
    if (row.contains(field)) out[field] = row[field];
  }
  if (row.contains("phone")) out["phone"] = masked_phone(row["phone"].get<std::string>());
  const std::string status = row["status"].get<std::string>();
  if (status != "cancelled" && status != "expired") out["ticket"] = row["ticket"];
  return out;
}

Result<Json> list_registrations(store::Connection& connection, const std::string& event_id, bool full_phones) {
  Result<store::QueryResult> rows = connection.query(
      std::string("SELECT ") + kColumns + " FROM event_registrations WHERE event_id = ? ORDER BY seq", {event_id});
  if (!rows) return rows.error();
  Json items = Json::array();
  for (const store::Row& row : rows->rows) {
    Json item = row_json(rows.value(), row);
    item.erase("ticket");
    item.erase("user_id");
    if (item.contains("phone") && !full_phones) item["phone"] = masked_phone(item["phone"].get<std::string>());
    items.push_back(std::move(item));
  }
  return Json{{"items", items}, {"total", items.size()}, {"phones", full_phones ? "full" : "masked"}};
}

Result<Json> registrations_of(store::Connection& connection, const access::User& user) {
  Result<store::QueryResult> rows = connection.query(
      "SELECT r.id, r.event_id, r.seq, r.status, r.name, r.organisation, r.phone, r.ticket, r.offer_expires_at, "
      "r.checked_in_at, r.created_at, e.name AS event_name, e.name_en AS event_name_en, e.starts_at, e.ends_at, "
      "e.status AS event_status FROM event_registrations r JOIN events e ON e.id = r.event_id "
      "WHERE r.user_id = ? ORDER BY r.created_at DESC, r.seq DESC",
      {user.id});
  if (!rows) return rows.error();
  Json items = Json::array();
  for (const store::Row& row : rows->rows) {
    const Json stored = row_json(rows.value(), row);
    Json item = registration_for_registrant(stored);
    for (const char* field : {"event_name", "event_name_en", "starts_at", "ends_at", "event_status"}) {
      if (stored.contains(field)) item[field] = stored[field];
    }
    items.push_back(std::move(item));
  }
  return Json{{"items", items}, {"total", items.size()}};
}

Result<Attendance> attendance_of(store::Connection& connection, const std::string& event_id) {
  Result<store::QueryResult> rows = connection.query(
      "SELECT "
      "COALESCE(SUM(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN status = 'waitlisted' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN status = 'offered' THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(CASE WHEN checked_in_at IS NOT NULL THEN 1 ELSE 0 END), 0), "
      "COALESCE(SUM(walk_in), 0) FROM event_registrations WHERE event_id = ?",
      {event_id});
  if (!rows) return rows.error();
  const store::Row& row = rows->rows[0];
  Attendance counted;
  counted.confirmed = store::as_integer(row[0]).value_or(0);
  counted.waitlisted = store::as_integer(row[1]).value_or(0);
  counted.offered = store::as_integer(row[2]).value_or(0);
  counted.checked_in = store::as_integer(row[3]).value_or(0);
  counted.walk_ins = store::as_integer(row[4]).value_or(0);
  return counted;
}

Json attendance_json(const Attendance& attendance, bool over) {
  Json out = {{"confirmed", attendance.confirmed},
              {"waitlisted", attendance.waitlisted},
              {"offered", attendance.offered},
              {"checked_in", attendance.checked_in},
              {"walk_ins", attendance.walk_ins}};
  // Who registered and never came is known only once the event is over.
  const std::int64_t registered_present = attendance.checked_in - attendance.walk_ins;
  out["no_shows"] = over ? Json(attendance.confirmed - registered_present) : Json();
  return out;
}

Status tell_registrants_of_cancellation(store::Connection& connection, const Json& event) {
  Result<store::QueryResult> rows = connection.query(std::string("SELECT ") + kColumns +
                                                         " FROM event_registrations WHERE event_id = ? AND status IN " +
                                                         kLive + " AND user_id IS NOT NULL",
                                                     {event.value("id", "")});
  if (!rows) return rows.error();
  for (const store::Row& row : rows->rows) {
    if (Status told = tell_user(connection, row_json(rows.value(), row), event, "event_cancelled",
                                "您报名的活动“" + event.value("name", "") + "”已取消");
        !told)
      return told;
  }
  return ok_status();
}

}  // namespace alley::events
