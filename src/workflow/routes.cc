#include "workflow/routes.h"

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/record_permissions.h"
#include "http/router.h"
#include "records/repository.h"
#include "workflow/actions.h"
#include "workflow/clocks.h"
#include "workflow/events.h"
#include "worktime/calendar_store.h"

namespace alley::workflow {
namespace {

Acting acting_of(const http::RequestContext& context) {
  return {context.user ? &*context.user : nullptr, http::writer_of(context)};
}

// Staff read every case; an enterprise reads its own, and only those: a
// case it may not read is answered as one that does not exist.
Result<Json> readable_case(store::Connection& connection, const Workflow& workflow,
                           const records::ResourceSchema& schema, const http::RequestContext& context,
                           const std::string& id) {
  Result<Json> record = records::get_record(connection, schema, id);
  if (!record) return record.error();
  const access::User& user = *context.user;
  if (user.is_staff() || (workflow.owns && workflow.owns(user, record.value()))) return record;
  return Error::not_found("no " + schema.singular + " " + id).in_chinese("没有这条" + schema.title_zh);
}

struct CaseHistory {
  Json record;
  std::vector<Event> events;
};

Result<CaseHistory> readable_history(store::Connection& connection, const Workflow& workflow,
                                     const records::ResourceSchema& schema, const http::RequestContext& context,
                                     const std::string& id) {
  Result<Json> record = readable_case(connection, workflow, schema, context, id);
  if (!record) return record.error();
  Result<std::vector<Event>> events = events_of(connection, workflow.resource, id);
  if (!events) return events.error();
  return CaseHistory{std::move(record.value()), std::move(events.value())};
}

Json timeline_of(const Workflow& workflow, const std::vector<Event>& events) {
  Json items = Json::array();
  for (const Event& event : events) items.push_back(event_json(workflow, event));
  return items;
}

const char* kind_name(Input::Kind kind) {
  switch (kind) {
    case Input::Kind::kReasonCode:
      return "reason";
    case Input::Kind::kComment:
      return "comment";
    case Input::Kind::kRating:
      return "rating";
    case Input::Kind::kRecordId:
      return "record";
    case Input::Kind::kDate:
      return "date";
  }
  return "comment";
}

// Enough for a client to draw each action's form: its inputs' kinds, choices and the resource a record comes from.
Json action_catalogue(const Workflow& workflow) {
  Json actions = Json::array();
  for (const Action& action : workflow.actions) {
    if (action.name == workflow.opening_action) continue;
    Json inputs = Json::array();
    for (const Input& input : action.inputs) {
      Json values = Json::array();
      for (const Labelled& value : input.values)
        values.push_back({{"name", value.name}, {"label", value.label}, {"label_en", value.label_en}});
      Json described = {{"name", input.name},         {"label", input.label},
                        {"label_en", input.label_en}, {"kind", kind_name(input.kind)},
                        {"required", input.required}, {"values", values}};
      if (!input.resource.empty()) described["resource"] = input.resource;
      inputs.push_back(std::move(described));
    }
    actions.push_back(
        {{"name", action.name}, {"label", action.label}, {"label_en", action.label_en}, {"inputs", inputs}});
  }
  return actions;
}

}  // namespace

void add_case_routes(http::Router& router, app::App& app, const Workflow& workflow) {
  store::Database* db = &app.database();
  const records::ResourceSchema* schema = app.catalog().find(workflow.resource);
  const Workflow* flow = &workflow;
  const std::string base = "/api/v1/" + workflow.resource + "/{id}";
  const std::string tag = workflow.resource;

  router.add(
      "POST", base + "/actions",
      [db, schema, flow](http::RequestContext& context, const http::HttpRequest& request,
                         const http::PathParams& params) {
        Result<Json> body = http::parse_json_body(request);
        if (!body) return http::problem_response(body.error());
        Result<ActionRequest> asked = read_action_request(body.value());
        if (!asked) return http::problem_response(asked.error());
        Result<std::optional<std::int64_t>> version = http::if_match_version(request);
        if (!version) return http::problem_response(version.error());
        asked->expected_version = version.value();
        Result<Json> after = http::run_write(*db, [&](store::Connection& connection) -> Result<Json> {
          if (Result<Json> readable = readable_case(connection, *flow, *schema, context, params.at("id")); !readable)
            return readable.error();
          return take_action(connection, *flow, *schema, params.at("id"), asked.value(), acting_of(context));
        });
        return http::record_response(after);
      },
      {workflow.resource + "_take_action",
       "Take an action on the case: its name and what it needs (a reason code, a comment, a rating, a unit); 409 "
       "lists the actions open now when this one is not",
       tag,
       "case_action",
       "",
       "application/json",
       {},
       {200, 400, 401, 403, 404, 409, 412, 422, 428},
       true,
       access::Access::kSignedIn});

  router.add(
      "GET", base + "/timeline",
      [db, schema, flow](http::RequestContext& context, const http::HttpRequest&, const http::PathParams& params) {
        Result<Json> answer = http::run_read(*db, [&](store::Connection& connection) -> Result<Json> {
          Result<CaseHistory> history = readable_history(connection, *flow, *schema, context, params.at("id"));
          if (!history) return history.error();
          return Json{{"items", timeline_of(*flow, history->events)},
                      {"state", history->record.value(flow->state_field, "")},
                      {"state_field", flow->state_field},
                      {"open_actions", open_actions(connection, *flow, history->record, acting_of(context))},
                      {"actions", action_catalogue(*flow)}};
        });
        if (!answer) return http::problem_response(answer.error());
        return http::json_response(200, answer.value());
      },
      {workflow.resource + "_timeline",
       "The case's events oldest first, the actions the reader may take now, and what each action takes",
       tag,
       "",
       "case_timeline",
       "application/json",
       {},
       {200, 401, 404},
       false,
       access::Access::kSignedIn});

  router.add(
      "GET", base + "/clock",
      [db, schema, flow](http::RequestContext& context, const http::HttpRequest&, const http::PathParams& params) {
        Result<Json> answer = http::run_read(*db, [&](store::Connection& connection) -> Result<Json> {
          Result<CaseHistory> history = readable_history(connection, *flow, *schema, context, params.at("id"));
          if (!history) return history.error();
          Result<worktime::StoredCalendar> calendar = worktime::load_calendar(connection);
          if (!calendar) return calendar.error();
          const TimePoint now = connection.clock().now();
          Json clocks = Json::array();
          for (const ClockRun& run : clock_runs(*flow, history->events, calendar->calendar, now))
            clocks.push_back(clock_json(*flow, run, now));
          return Json{{"clocks", clocks}, {"calendar", calendar->record}, {"now", iso8601(now)}};
        });
        if (!answer) return http::problem_response(answer.error());
        return http::json_response(200, answer.value());
      },
      {workflow.resource + "_clock",
       "Each clock of the case, run by run, as segments of running and paused working time, with its target, "
       "when it warns and when it breaches",
       tag,
       "",
       "case_clock",
       "application/json",
       {},
       {200, 401, 404},
       false,
       access::Access::kSignedIn});

  router.add_schemas([](Json& schemas) {
    if (schemas.contains("case_action")) return;  // several workflows share these
    schemas["case_action"] = {{"type", "object"},
                              {"required", {"action"}},
                              {"properties", {{"action", {{"type", "string"}}}}},
                              {"additionalProperties", true}};
    schemas["case_timeline"] = {{"type", "object"}, {"required", {"items", "state", "open_actions", "actions"}}};
    schemas["case_clock"] = {{"type", "object"}, {"required", {"clocks", "calendar", "now"}}};
  });
}

}  // namespace alley::workflow
