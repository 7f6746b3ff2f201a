// The events module's routes beyond its resources' and its workflow's:
//   POST /api/v1/events/{id}/registrations               register (the public, users, organisers for others)
//   GET  /api/v1/events/{id}/registrations               the list, for staff (phones for the organisers only)
//   GET  /api/v1/events/{id}/registrations.xlsx          the list as a spreadsheet, each export audited
//   POST /api/v1/events/{id}/registrations/{rid}/cancel  the registrant (by account or ticket) or the organisers
//   POST /api/v1/events/{id}/registrations/{rid}/accept  take up an offered seat
//   GET  /api/v1/events/{id}/registrations/{rid}/ticket.png  the ticket's QR code
//   POST /api/v1/tickets/lookup                          a ticket by its code: the public's way back to it
//   GET  /api/v1/my-registrations                        a user's own
//   POST /api/v1/events/{id}/check-ins                   the door, for the organisers
//   POST /api/v1/events/{id}/walk-ins                    someone who came without registering
//   GET  /api/v1/events/{id}/attendance                  the counts
//   GET  /api/v1/events.ics, /api/v1/events/{id}.ics, /api/v1/event_series/{id}.ics   iCalendar feeds

#include <functional>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "core/base64.h"
#include "events/check_in.h"
#include "events/event_terms.h"
#include "events/event_workflow.h"
#include "events/ical.h"
#include "events/module.h"
#include "events/registration_workbook.h"
#include "events/tickets.h"
#include "http/handler_support.h"
#include "http/list_query.h"
#include "http/problem.h"
#include "http/record_permissions.h"
#include "http/router.h"
#include "records/repository.h"
#include "sheets/workbook_file.h"

namespace alley::events {

using namespace http;  // the handler vocabulary: requests, responses, problems, routes

namespace {

constexpr const char* kCalendarType = "text/calendar; charset=utf-8";

Error not_yours() {
  return Error(ErrorCode::kForbidden, "only its registrant or the event's organisers may do this")
      .in_chinese("只有报名人本人或主办单位可以操作");
}

// A registration's own: its account, its ticket's code in the body, or the event's organisers.
Status may_act_on(const RequestContext& context, const Json& event, const Json& registration, const Json& body) {
  if (context.user && (registered_by(*context.user, registration) || organises(*context.user, event)))
    return ok_status();
  if (body.is_object() && body.contains("ticket") && body["ticket"].is_string()) {
    const std::optional<std::string> code = normalized_ticket_code(body["ticket"].get<std::string>());
    if (code && *code == registration.value("ticket", "")) return ok_status();
  }
  return not_yours();
}

// An empty body is allowed where the account says who is asking.
Result<Json> optional_body(const HttpRequest& request) {
  if (request.body.empty()) return Json::object();
  return parse_json_body(request);
}

Result<Json> event_of(store::Connection& connection, const EventBook& book, const std::string& id) {
  return records::get_record(connection, *book.schema, id);
}

// The registration a path names, of the event it names, for whoever may act on it.
Result<Json> reachable_registration(store::Connection& connection, const EventBook& book, const RequestContext& context,
                                    const PathParams& params, const Json& body) {
  Result<Json> event = event_of(connection, book, params.at("id"));
  if (!event) return event.error();
  Result<Json> row = registration_row(connection, params.at("registration_id"));
  if (!row || row.value()["event_id"] != params.at("id"))
    return Error::not_found("no such registration for this event").in_chinese("没有这条报名");
  if (Status allowed = may_act_on(context, event.value(), row.value(), body); !allowed) return allowed.error();
  return row;
}

Error not_organiser() {
  return Error(ErrorCode::kForbidden, "only staff of the event's organisers (its responsible departments) run its door")
      .in_chinese("只有主办单位的工作人员可以办理签到");
}

Result<std::vector<CalendarEntry>> calendar_entries(store::Connection& connection, const catalog::Catalog& catalog,
                                                    const std::vector<Json>& events) {
  std::vector<CalendarEntry> entries;
  const records::ResourceSchema& places = *catalog.find("places");
  for (const Json& event : events) {
    CalendarEntry entry{event, event.value("venue_address", ""), "/events/" + event.value("id", "")};
    if (event.contains("venue_place_id")) {
      Result<Json> place = records::get_record(connection, places, event["venue_place_id"].get<std::string>());
      if (place) entry.venue = place->value("name", "") + (entry.venue.empty() ? "" : "，" + entry.venue);
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

HttpResponse calendar_response(const std::string& body, const std::string& file_name) {
  HttpResponse response;
  response.status = 200;
  response.body = body;
  response.set_header("Content-Type", kCalendarType);
  response.set_header("Content-Disposition", content_disposition(file_name));
  return response;
}

// Every event a list query selects, page after page.
Result<std::vector<Json>> selected_events(store::Connection& connection, const EventBook& book,
                                          records::ListQuery query) {
  std::vector<Json> events;
  query.limit = records::kMaxPageSize;
  query.offset = 0;
  if (query.sort.empty()) query.sort = "starts_at";
  while (true) {
    Result<records::Page> page = records::list_records(connection, *book.schema, query);
    if (!page) return page.error();
    for (const Json& event : page->items) events.push_back(event);
    if (!page->next_offset) return events;
    query.offset = *page->next_offset;
  }
}

}  // namespace

void add_routes(Router& router, app::App& app, const EventBook& book) {
  store::Database* db = &app.database();
  const catalog::Catalog* catalog = &app.catalog();
  const Clock* clock = &app.clock();
  const std::string base = "/api/v1/events/{id}";
  const std::string one = base + "/registrations/{registration_id}";

  router.add(
      "POST", base + "/registrations",
      [db, book, clock](RequestContext& context, const HttpRequest& request, const PathParams& params) {
        Result<Json> body = parse_json_body(request);
        if (!body) return problem_response(body.error());
        Result<Registrant> registrant = read_registrant(body.value(), context.user ? &*context.user : nullptr);
        if (!registrant) return problem_response(registrant.error());
        Result<Json> registered = run_write(*db, [&](store::Connection& connection) {
          return register_for(connection, book, params.at("id"), registrant.value(), clock->now());
        });
        if (!registered) return problem_response(registered.error());
        return json_response(201, registered.value());
      },
      {"event_register",
       "Register for the event: signed in for oneself (name, organisation and phone optional), as the public with a "
       "name and a phone number, or as its organisers for someone else (with a name). A seat while one is free, "
       "else the waiting list in arrival order; the answer carries the ticket's code, shown once to its registrant",
       "events",
       "event_registrant",
       "event_registration",
       "application/json",
       {},
       {201, 400, 403, 404, 409, 410, 415, 422},
       false,
       access::Access::kPublic});

  router.add(
      "GET", base + "/registrations",
      [db, book](RequestContext& context, const HttpRequest&, const PathParams& params) {
        Result<Json> listed = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
          Result<Json> event = event_of(connection, book, params.at("id"));
          if (!event) return event.error();
          return list_registrations(connection, params.at("id"), organises(*context.user, event.value()));
        });
        if (!listed) return problem_response(listed.error());
        return json_response(200, listed.value());
      },
      {"event_registrations",
       "The event's registrations in arrival order with their status and check-in; phone numbers in full for its "
       "organisers, masked for other staff",
       "events",
       "",
       "event_registrations",
       "application/json",
       {},
       {200, 401, 403, 404, 410},
       false,
       access::Access::kStaff});

  // Personal data leaves the server: who took which list, with whose phones, is in the audit log.
  router.add("GET", base + "/registrations.xlsx",
             [db, book](RequestContext& context, const HttpRequest&, const PathParams& params) {
               Result<Json> exported = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Json> event = event_of(connection, book, params.at("id"));
                 if (!event) return event.error();
                 Result<Json> listed =
                     list_registrations(connection, params.at("id"), organises(*context.user, event.value()));
                 if (!listed) return listed.error();
                 const Json logged = {{"export", "registrations.xlsx"},
                                      {"rows", listed.value()["total"]},
                                      {"phones", listed.value()["phones"]}};
                 if (Status audited = records::append_audit(connection, writer_of(context), "export", "events",
                                                            params.at("id"), nullptr, &logged);
                     !audited)
                   return audited.error();
                 return Json{{"event", event.value()}, {"listed", listed.value()}};
               });
               if (!exported) return problem_response(exported.error());
               Result<std::string> workbook =
                   registrations_workbook(exported.value()["event"], exported.value()["listed"]);
               if (!workbook) return problem_response(workbook.error());
               HttpResponse response = file_response(std::move(workbook.value()), sheets::kXlsxType,
                                                     "registrations-" + params.at("id") + ".xlsx");
               response.set_header("Cache-Control", "private, no-store");
               return response;
             },
             {"event_registrations_workbook",
              "The registration list as an XLSX workbook, phones as the list shows them to the reader; every export is "
              "written to the audit log",
              "events",
              "",
              "",
              sheets::kXlsxType,
              {},
              {200, 401, 403, 404, 410},
              false,
              access::Access::kStaff});

  auto registration_step = [db, book, clock](const char* step) {
    return [db, book, clock, step](RequestContext& context, const HttpRequest& request, const PathParams& params) {
      Result<Json> body = optional_body(request);
      if (!body) return problem_response(body.error());
      // Offers run out pass on first, whatever the step answers.
      Result<Json> settled = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
        if (Status done = settle_offers(connection, book, params.at("id"), clock->now()); !done) return done.error();
        return Json();
      });
      if (!settled) return problem_response(settled.error());
      Result<Json> after = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
        Result<Json> row = reachable_registration(connection, book, context, params, body.value());
        if (!row) return row.error();
        if (std::string(step) == "cancel")
          return cancel_registration(connection, book, params.at("id"), params.at("registration_id"), clock->now());
        return accept_offer(connection, book, params.at("id"), params.at("registration_id"), clock->now());
      });
      if (!after) return problem_response(after.error());
      return json_response(200, after.value());
    };
  };
  const std::vector<int> step_statuses = {200, 400, 403, 404, 409, 410, 415};
  router.add("POST", one + "/cancel", registration_step("cancel"),
             {"event_registration_cancel",
              "Cancel a registration: its registrant (signed in, or with {\"ticket\": code}) or the organisers; a "
              "freed seat is offered to the first on the waiting list",
              "events",
              "",
              "event_registration",
              "application/json",
              {},
              step_statuses,
              false,
              access::Access::kPublic});
  router.add("POST", one + "/accept", registration_step("accept"),
             {"event_registration_accept",
              "Take up a seat offered from the waiting list before the offer runs out (409 after)",
              "events",
              "",
              "event_registration",
              "application/json",
              {},
              step_statuses,
              false,
              access::Access::kPublic});

  router.add("GET", one + "/ticket.png",
             [db, book](RequestContext& context, const HttpRequest&, const PathParams& params) {
               Result<Json> row = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 return reachable_registration(connection, book, context, params, Json::object());
               });
               if (!row) return problem_response(row.error());
               const std::string status = row.value()["status"].get<std::string>();
               if (status == "cancelled" || status == "expired")
                 return problem_response(
                     Error(ErrorCode::kGone, "the registration is no longer live").in_chinese("该报名已失效"));
               Result<std::string> png = ticket_png(row.value()["ticket"].get<std::string>());
               if (!png) return problem_response(png.error());
               HttpResponse response;
               response.body = std::move(png.value());
               response.set_header("Content-Type", "image/png");
               response.set_header("Cache-Control", "private, no-store");
               return response;
             },
             {"event_ticket_png",
              "The ticket's QR code as a PNG image, for its registrant and the organisers",
              "events",
              "",
              "",
              "image/png",
              {},
              {200, 401, 403, 404, 410},
              false,
              access::Access::kSignedIn});

  router.add(
      "POST", "/api/v1/tickets/lookup",
      [db, book](RequestContext&, const HttpRequest& request, const PathParams&) {
        Result<Json> body = parse_json_body(request);
        if (!body) return problem_response(body.error());
        const Json typed = body.value().is_object() ? body.value().value("ticket", Json()) : Json();
        const std::optional<std::string> code =
            typed.is_string() ? normalized_ticket_code(typed.get<std::string>()) : std::nullopt;
        if (!code)
          return problem_response(Error::invalid("a ticket code has 16 letters and digits, e.g. ABCD-EFGH-JKMN-PQRS",
                                                 {{"ticket", "not a ticket code", "不是有效的票码"}})
                                      .in_chinese("票码由 16 位字母和数字组成"));
        Result<Json> found = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
          Result<store::QueryResult> rows =
              connection.query("SELECT id FROM event_registrations WHERE ticket = ?", {*code});
          if (!rows) return rows.error();
          if (rows->rows.empty()) return Error::not_found("no ticket with this code").in_chinese("没有这张票");
          Result<Json> row = registration_row(connection, store::as_text(rows->rows[0][0]));
          if (!row) return row.error();
          Result<Json> event = event_of(connection, book, row.value()["event_id"].get<std::string>());
          if (!event) return event.error();
          Json answer = registration_for_registrant(row.value());
          answer["event"] = {{"id", event->value("id", "")},
                             {"name", event->value("name", "")},
                             {"status", event->value("status", "")}};
          for (const char* field : {"name_en", "starts_at", "ends_at"}) {
            if (event->contains(field)) answer["event"][field] = (*event)[field];
          }
          return answer;
        });
        if (!found) return problem_response(found.error());
        if (found.value().contains("ticket")) {
          Result<std::string> png = ticket_png(found.value()["ticket"].get<std::string>());
          if (!png) return problem_response(png.error());
          found.value()["ticket_png"] = base64_encode(png.value());
        }
        HttpResponse response = json_response(200, found.value());
        response.set_header("Cache-Control", "private, no-store");
        return response;
      },
      {"ticket_lookup",
       "A ticket by its code ({\"ticket\": code}): the registration, its event and its QR code as base64 PNG — how "
       "a registrant without an account finds their ticket again",
       "events",
       "ticket_lookup",
       "event_registration",
       "application/json",
       {},
       {200, 400, 404, 415, 422},
       false,
       access::Access::kPublic});

  router.add("GET", "/api/v1/my-registrations",
             [db](RequestContext& context, const HttpRequest&, const PathParams&) {
               Result<Json> mine = run_read(
                   *db, [&](store::Connection& connection) { return registrations_of(connection, *context.user); });
               if (!mine) return problem_response(mine.error());
               return json_response(200, mine.value());
             },
             {"my_registrations",
              "The signed-in user's own registrations, newest first, with their tickets",
              "events",
              "",
              "event_registrations",
              "application/json",
              {},
              {200, 401},
              false,
              access::Access::kSignedIn});

  // The door is its organisers': `work` runs once the event is found and the reader organises it.
  using DoorWork = std::function<Result<Json>(store::Connection&, const std::string& event_id, const Json& body,
                                              const access::User& staff)>;
  auto at_the_door = [db, book](int status, DoorWork work) {
    return [db, book, status, work](RequestContext& context, const HttpRequest& request, const PathParams& params) {
      Result<Json> body = parse_json_body(request);
      if (!body) return problem_response(body.error());
      Result<Json> answer = run_write(*db, [&](store::Connection& connection) -> Result<Json> {
        Result<Json> event = event_of(connection, book, params.at("id"));
        if (!event) return event.error();
        if (!organises(*context.user, event.value())) return not_organiser();
        return work(connection, params.at("id"), body.value(), *context.user);
      });
      if (!answer) return problem_response(answer.error());
      return json_response(status, answer.value());
    };
  };
  // Both answer {result, registration, attendance}, each to a body of its own.
  auto door_doc = [](std::string id, std::string summary, std::string body, std::vector<int> statuses) {
    return RouteDoc{std::move(id),
                    std::move(summary),
                    "events",
                    std::move(body),
                    "event_door_answer",
                    "application/json",
                    {},
                    std::move(statuses),
                    false,
                    access::Access::kStaff};
  };
  router.add("POST", base + "/check-ins",
             at_the_door(200,
                         [book, clock](store::Connection& connection, const std::string& event_id, const Json& body,
                                       const access::User& staff) -> Result<Json> {
                           const Json typed = body.is_object() ? body.value("code", Json()) : Json();
                           if (!typed.is_string())
                             return Error::invalid("give the ticket's code as {\"code\": …}",
                                                   {{"code", "is required", "请扫描或输入票码"}})
                                 .in_chinese("请扫描或输入票码");
                           return check_in(connection, book, event_id, typed.get<std::string>(), staff, clock->now());
                         }),
             door_doc("event_check_in",
                      "Check a ticket in at the door ({\"code\": scanned or typed}): accepted, already_used, "
                      "not_registered, wrong_event, waiting or cancelled, with the live counts; the same ticket "
                      "again changes nothing",
                      "event_check_in", {200, 400, 401, 403, 404, 409, 410, 415, 422}));
  router.add("POST", base + "/walk-ins",
             at_the_door(201,
                         [book, clock](store::Connection& connection, const std::string& event_id, const Json& body,
                                       const access::User& staff) -> Result<Json> {
                           Result<Registrant> person = read_registrant(body, &staff);
                           if (!person) return person.error();
                           if (!person->entered_by)
                             return Error::invalid("a walk-in is entered with their name",
                                                   {{"name", "is required", "必填"}})
                                 .in_chinese("请填写现场登记人员的姓名");
                           return add_walk_in(connection, book, event_id, person.value(), staff, clock->now());
                         }),
             door_doc("event_walk_in",
                      "Add someone who came without registering (name, organisation, phone), checked in at once",
                      "event_registrant", {201, 400, 401, 403, 404, 409, 410, 415, 422}));

  router.add("GET", base + "/attendance",
             [db, book](RequestContext&, const HttpRequest&, const PathParams& params) {
               Result<Json> answer = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Json> event = event_of(connection, book, params.at("id"));
                 if (!event) return event.error();
                 Result<Attendance> counted = attendance_of(connection, params.at("id"));
                 if (!counted) return counted.error();
                 Json out = attendance_json(counted.value(), is_over(event->value("status", "")));
                 if (event->contains("capacity")) out["capacity"] = (*event)["capacity"];
                 return out;
               });
               if (!answer) return problem_response(answer.error());
               return json_response(200, answer.value());
             },
             {"event_attendance",
              "Confirmed, waiting, offered, checked in and walk-ins; no-shows once the event is over",
              "events",
              "",
              "event_attendance",
              "application/json",
              {},
              {200, 401, 403, 404, 410},
              false,
              access::Access::kStaff});

  // The feeds: the public calendar with the list's filters, one event, one series.
  // `select` gives the events of the feed, and its name.
  using Selection = std::function<Result<std::pair<std::vector<Json>, std::string>>(
      store::Connection&, const HttpRequest&, const PathParams&)>;
  auto feed = [db, catalog, clock](Selection select, std::string file_name) {
    return
        [db, catalog, clock, select, file_name](RequestContext&, const HttpRequest& request, const PathParams& params) {
          Result<Json> calendar = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
            auto selected = select(connection, request, params);
            if (!selected) return selected.error();
            Result<std::vector<CalendarEntry>> entries = calendar_entries(connection, *catalog, selected->first);
            if (!entries) return entries.error();
            return Json(icalendar(entries.value(), selected->second, clock->now()));
          });
          if (!calendar) return problem_response(calendar.error());
          const std::string named = file_name.empty() ? params.at("id") + ".ics" : file_name;
          return calendar_response(calendar.value().get<std::string>(), named);
        };
  };
  router.add("GET", "/api/v1/events.ics",
             feed(
                 [book](store::Connection& connection, const HttpRequest& request,
                        const PathParams&) -> Result<std::pair<std::vector<Json>, std::string>> {
                   Result<records::ListQuery> query = list_query(request);
                   if (!query) return query.error();
                   Result<std::vector<Json>> events = selected_events(connection, book, query.value());
                   if (!events) return events.error();
                   return std::make_pair(std::move(events.value()), std::string("上海硅巷活动"));
                 },
                 "silicon-alley-events.ics"),
             {"events_calendar",
              "The events as an iCalendar feed (RFC 5545), with the list's filters (kind, series_id, year, status …); "
              "events the documents date by their year only are left out",
              "events",
              "",
              "",
              kCalendarType,
              {},
              {200, 400},
              false,
              access::Access::kPublic});
  router.add("GET", base + ".ics",
             feed(
                 [book](store::Connection& connection, const HttpRequest&,
                        const PathParams& params) -> Result<std::pair<std::vector<Json>, std::string>> {
                   Result<Json> event = event_of(connection, book, params.at("id"));
                   if (!event) return event.error();
                   const std::string name = event->value("name", "");
                   return std::make_pair(std::vector<Json>{std::move(event.value())}, name);
                 },
                 ""),
             {"event_calendar",
              "One event as iCalendar, to add to a calendar program",
              "events",
              "",
              "",
              kCalendarType,
              {},
              {200, 404, 410},
              false,
              access::Access::kPublic});
  const records::ResourceSchema* series = catalog->find("event_series");
  router.add("GET", "/api/v1/event_series/{id}.ics",
             feed(
                 [book, series](store::Connection& connection, const HttpRequest&,
                                const PathParams& params) -> Result<std::pair<std::vector<Json>, std::string>> {
                   Result<Json> found = records::get_record(connection, *series, params.at("id"));
                   if (!found) return found.error();
                   records::ListQuery query;
                   query.filters = {{"series_id", params.at("id")}};
                   Result<std::vector<Json>> events = selected_events(connection, book, query);
                   if (!events) return events.error();
                   return std::make_pair(std::move(events.value()), found->value("name", ""));
                 },
                 ""),
             {"event_series_calendar",
              "A series' events as iCalendar: subscribe once, see every edition",
              "events",
              "",
              "",
              kCalendarType,
              {},
              {200, 404, 410},
              false,
              access::Access::kPublic});
  router.add_schemas([](Json& schemas) {
    schemas["event_registrant"] = {{"type", "object"},
                                   {"properties",
                                    {{"name", {{"type", "string"}, {"maxLength", 50}}},
                                     {"organisation", {{"type", "string"}, {"maxLength", 100}}},
                                     {"phone", {{"type", "string"}, {"maxLength", 20}}}}},
                                   {"additionalProperties", false}};
    schemas["event_registration"] = {{"type", "object"}, {"required", {"id", "event_id", "status", "name"}}};
    schemas["event_registrations"] = {
        {"type", "object"},
        {"required", {"items", "total"}},
        {"properties", {{"items", {{"type", "array"}}}, {"total", {{"type", "integer"}}}}}};
    schemas["event_attendance"] = {{"type", "object"}, {"required", {"confirmed", "waitlisted", "checked_in"}}};
    schemas["event_door_answer"] = {{"type", "object"}, {"required", {"result", "attendance"}}};
    schemas["ticket_lookup"] = {{"type", "object"},
                                {"required", {"ticket"}},
                                {"properties", {{"ticket", {{"type", "string"}, {"maxLength", 64}}}}}};
    schemas["event_check_in"] = {{"type", "object"},
                                 {"required", {"code"}},
                                 {"properties", {{"code", {{"type", "string"}, {"maxLength", 64}}}}}};
  });
}

}  // namespace alley::events
