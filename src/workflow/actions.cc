#include "workflow/actions.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/ids.h"
#include "records/repository.h"
#include "workflow/clocks.h"
#include "workflow/events.h"
#include "worktime/calendar_store.h"

namespace alley::workflow {
namespace {

constexpr std::size_t kLongestComment = 2000;

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text.empty() ? "none" : text;
}

bool is_one_of(const std::vector<Labelled>& values, const std::string& name) {
  return std::any_of(values.begin(), values.end(), [&](const Labelled& value) { return value.name == name; });
}

std::string state_label(const Workflow& workflow, const std::string& name) {
  const State* state = workflow.find_state(name);
  return state ? state->label : name;
}

// Checks the inputs against what the action takes and puts them on the event.
Status read_inputs(const Action& action, const Json& inputs, Event& event) {
  std::vector<FieldError> errors;
  for (const auto& [name, value] : inputs.items()) {
    const auto input = std::find_if(action.inputs.begin(), action.inputs.end(),
                                    [&](const Input& candidate) { return candidate.name == name; });
    if (input == action.inputs.end()) {
      errors.push_back({name, action.name + " takes no " + name, action.label + "不需要填写此项"});
      continue;
    }
    const bool is_text = value.is_string();
    const std::string text = is_text ? value.get<std::string>() : std::string();
    switch (input->kind) {
      case Input::Kind::kReasonCode:
      case Input::Kind::kRating:
        if (!is_text || !is_one_of(input->values, text)) {
          std::vector<std::string> names;
          for (const Labelled& choice : input->values) names.push_back(choice.name);
          errors.push_back({name, "must be one of " + joined(names), input->label + "须从列出的选项中选择"});
          continue;
        }
        break;
      case Input::Kind::kComment:
        if (!is_text || text.size() > kLongestComment) {
          errors.push_back({name, "must be text of at most 2000 bytes", input->label + "须为不超过2000字节的文字"});
          continue;
        }
        break;
      case Input::Kind::kRecordId:
        if (!is_text || !is_valid_id(text)) {
          errors.push_back(
              {name, "must be the id of a " + input->resource + " record", input->label + "须为有效的记录"});
          continue;
        }
        break;
      case Input::Kind::kDate:
        if (!is_text || !is_valid_date(text)) {
          errors.push_back({name, "must be a date, YYYY-MM-DD", input->label + "须为日期（年-月-日）"});
          continue;
        }
        break;
    }
    if (input->kind == Input::Kind::kReasonCode && name == "reason") {
      event.reason = text;
    } else if (input->kind == Input::Kind::kComment && name == "comment") {
      event.comment = text;
    } else {
      event.payload[name] = text;
    }
  }
  for (const Input& input : action.inputs) {
    const bool given = inputs.contains(input.name) &&
                       !(inputs[input.name].is_string() && inputs[input.name].get<std::string>().empty());
    if (input.required && !given)
      errors.push_back({input.name, action.name + " needs " + input.name, action.label + "须填写" + input.label});
  }
  if (!errors.empty()) {
    return Error(ErrorCode::kInvalid, "the " + action.name + " action cannot be taken as given", std::move(errors))
        .in_chinese("无法" + action.label + "：请按提示修改");
  }
  return ok_status();
}

// Sets the case's deadline fields from its clocks as they stand with `event`.
Status keep_next_moments(store::Connection& connection, const Workflow& workflow, const std::string& resource,
                         const std::string& case_id, const Event& event, const Json& current, Json& changes) {
  Result<std::vector<Event>> events = events_of(connection, resource, case_id);
  if (!events) return events.error();
  events->push_back(event);
  Result<worktime::StoredCalendar> calendar = worktime::load_calendar(connection);
  if (!calendar) return calendar.error();
  const NextMoments next =
      next_moments(workflow, clock_runs(workflow, events.value(), calendar->calendar, connection.clock().now()));
  auto keep = [&](const std::string& field, const std::optional<TimePoint>& moment) {
    if (field.empty()) return;
    const Json value = moment ? Json(iso8601(*moment)) : Json();
    if (current.value(field, Json()) != value) changes[field] = value;
  };
  keep(workflow.due_field, next.due);
  keep(workflow.warn_field, next.warn);
  return ok_status();
}

// The checks and follow-ups around one event: the module's checks, the
// case's new state and the event written, the write hooks, the follow-ups.
Result<Json> record_event(store::Connection& connection, const Workflow& workflow,
                          const records::ResourceSchema& schema, const Json& current, Event& event,
                          std::optional<std::int64_t> expected_version, const Acting& acting) {
  Json changes = Json::object();
  for (const ActionHook& check : workflow.check) {
    if (Status checked = check(connection, current, event, changes, acting); !checked) return checked.error();
  }
  if (!workflow.find_state(event.to_state))
    return Error::internal("a check of " + workflow.resource + " led " + event.action + " to the undeclared state " +
                           event.to_state);
  if (current.value(workflow.state_field, "") != event.to_state) changes[workflow.state_field] = event.to_state;
  const std::string case_id = current["id"].get<std::string>();
  if (!workflow.due_field.empty() || !workflow.warn_field.empty()) {
    if (Status kept = keep_next_moments(connection, workflow, schema.name, case_id, event, current, changes); !kept)
      return kept.error();
  }
  Result<Json> after = changes.empty() && !expected_version
                           ? Result<Json>(current)
                           : records::write_server_fields(connection, schema, current, changes, expected_version,
                                                          event.action, acting.actor);
  if (!after) return after.error();
  if (Status stored = append_event(connection, schema.name, case_id, event); !stored) return stored.error();
  if (!changes.empty()) {
    if (Status followed = records::run_write_hooks(connection, schema, acting.actor, &current, &after.value());
        !followed)
      return followed.error();
  }
  for (const ActionHook& follow : workflow.after) {
    Json ignored = Json::object();
    if (Status done = follow(connection, after.value(), event, ignored, acting); !done) return done.error();
  }
  // A follow-up may have moved the case on (a poor rating reopens it): the answer is the case as stored.
  if (!workflow.after.empty()) {
    after = records::get_record(connection, schema, case_id);
    if (!after) return after.error();
  }
  after.value()["event"] = event_json(workflow, event);
  return after;
}

}  // namespace

Result<ActionRequest> read_action_request(const Json& body) {
  if (!body.is_object() || !body.contains("action") || !body["action"].is_string())
    return Error(ErrorCode::kInvalid, "the body must name the action: {\"action\": \"accept\", …}",
                 {{"action", "required", "须指明要办理的操作"}})
        .in_chinese("请求须指明要办理的操作");
  ActionRequest request;
  request.action = body["action"].get<std::string>();
  for (const auto& [name, value] : body.items()) {
    if (name != "action") request.inputs[name] = value;
  }
  return request;
}

Result<Json> take_action(store::Connection& connection, const Workflow& workflow, const records::ResourceSchema& schema,
                         std::string_view case_id, const ActionRequest& request, const Acting& acting) {
  Result<Json> current = records::get_record(connection, schema, case_id);
  if (!current) return current.error();
  const Action* action = workflow.find_action(request.action);
  if (!action || action->name == workflow.opening_action) {
    std::vector<std::string> names;
    for (const Action& known : workflow.actions) names.push_back(known.name);
    return Error(ErrorCode::kInvalid, "unknown action " + request.action,
                 {{"action", "must be one of " + joined(names), "没有这项操作"}})
        .in_chinese("没有这项操作");
  }
  const std::string state = current.value().value(workflow.state_field, "");
  if (std::find(action->from.begin(), action->from.end(), state) == action->from.end()) {
    Error refused(ErrorCode::kConflict,
                  action->name + " cannot be taken while the " + schema.singular + " is " + state +
                      "; open now: " + joined(open_actions(connection, workflow, current.value(), acting)));
    refused.in_chinese(schema.title_zh + "当前为“" + state_label(workflow, state) + "”，不能" + action->label);
    refused.allowed = open_actions(connection, workflow, current.value(), acting);
    return refused;
  }
  if (!may_take(connection, workflow, *action, acting, current.value())) {
    Error refused(ErrorCode::kForbidden, "you may not take the " + action->name + " action on this " + schema.singular);
    refused.in_chinese("您无权对此" + schema.title_zh + "办理“" + action->label + "”");
    refused.allowed = open_actions(connection, workflow, current.value(), acting);
    return refused;
  }
  Event event;
  event.action = action->name;
  event.from_state = state;
  event.to_state = action->to.empty() ? state : action->to;
  event.actor = acting.actor.name;
  event.at = request.at.empty() ? connection.clock().now_iso8601() : request.at;
  if (!request.clock.empty()) event.payload["clock"] = request.clock;
  if (Status read = read_inputs(*action, request.inputs, event); !read) return read.error();
  return record_event(connection, workflow, schema, current.value(), event, request.expected_version, acting);
}

Result<Json> open_case(store::Connection& connection, const Workflow& workflow, const records::ResourceSchema& schema,
                       const Json& case_record, Event opening, const Acting& acting) {
  opening.action = workflow.opening_action;
  opening.from_state.clear();
  // A case created without a state starts where the opening action leads.
  const Action* first = workflow.find_action(workflow.opening_action);
  opening.to_state = case_record.value(workflow.state_field, first ? first->to : std::string());
  if (opening.actor.empty()) opening.actor = acting.actor.name;
  if (opening.at.empty()) opening.at = connection.clock().now_iso8601();
  return record_event(connection, workflow, schema, case_record, opening, std::nullopt, acting);
}

}  // namespace alley::workflow
