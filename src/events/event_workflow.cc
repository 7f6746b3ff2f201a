#include "events/event_workflow.h"

#include <nlohmann/json.hpp>

#include "events/event_terms.h"
#include "events/registrations.h"
#include "workflow/actions.h"

namespace alley::events {
namespace {

using workflow::Acting;
using workflow::Event;
using workflow::Input;
using workflow::Taker;

const std::vector<workflow::Labelled>& cancel_reasons() {
  static const std::vector<workflow::Labelled> list = {
      {"venue", "场地原因", "The venue"},
      {"speakers", "嘉宾或主讲人原因", "Speakers"},
      {"weather", "天气或不可抗力", "Weather or force majeure"},
      {"low_registration", "报名人数不足", "Too few registrations"},
      {"rescheduled", "改期另行举办", "Moved to another date"},
      {"other", "其他原因", "Other"},
  };
  return list;
}

Input comment(bool required, const char* name, const char* label, const char* label_en) {
  return {{name, label, label_en}, Input::Kind::kComment, required, {}, ""};
}

// The report's minutes and outcomes go on the event, with the attendance counted at the door.
Status check(store::Connection& connection, const Json& event, Event& step, Json& changes, const Acting&) {
  if (step.action == "report") {
    changes["minutes"] = step.payload.value("minutes", "");
    if (step.payload.contains("outcomes")) changes["outcomes"] = step.payload["outcomes"];
    Result<Attendance> counted = attendance_of(connection, event.value("id", ""));
    if (!counted) return counted.error();
    if (counted->checked_in > 0) changes["attendance"] = counted->checked_in;
    step.payload["attendance_counted"] = counted->checked_in;
  }
  return ok_status();
}

Status follow(store::Connection& connection, const workflow::Workflow& flow, const records::ResourceSchema* schema,
              const Json& event, const Event& step) {
  if (step.action == "cancel") return tell_registrants_of_cancellation(connection, event);
  if (step.action != "file" || !event.value("recorded_after", false)) return ok_status();
  // Recorded after it took place: held when it started, or when it was recorded where no day is known.
  workflow::ActionRequest held;
  held.action = "hold";
  held.at = event.value("starts_at", std::string());
  if (held.at.empty()) held.inputs["comment"] = "事后录入：文件未载明举办日期";
  const Acting system{nullptr, {"system", "", access::Writer::kAdmin}};
  Result<Json> after = workflow::take_action(connection, flow, *schema, event.value("id", ""), held, system);
  return after ? ok_status() : Status(after.error());
}

}  // namespace

bool takes_registrations(const std::string& status) { return status == "open"; }
bool is_over(const std::string& status) { return status == "held" || status == "reported"; }

std::shared_ptr<workflow::Workflow> event_workflow() {
  auto flow = std::make_shared<workflow::Workflow>();
  flow->resource = "events";
  flow->state_field = "status";
  flow->opening_action = "file";
  flow->states = {{{"planned", "筹备中", "Planned"}},
                  {{"open", "报名中", "Open for registration"}},
                  {{"full", "已满员", "Full"}},
                  {{"closed", "报名截止", "Registration closed"}},
                  {{"held", "已举办", "Held"}},
                  {{"reported", "已总结", "Reported"}, false},
                  {{"cancelled", "已取消", "Cancelled"}, false}};
  const std::vector<Taker> organisers = {Taker::kHolder, Taker::kDispatcher};
  flow->actions = {
      {{"file", "创建", "Create"}, {}, "planned", {}, {}, {}},
      {{"open_registration", "开放报名", "Open registration"}, {"planned", "closed"}, "open", organisers, {}, {}},
      {{"fill", "满员", "Fill up"}, {"open"}, "full", {Taker::kSystem}, {}, {}},
      {{"reopen", "有空余名额", "Seats free again"}, {"full"}, "open", {Taker::kSystem}, {}, {}},
      {{"close_registration", "截止报名", "Close registration"}, {"open", "full"}, "closed", organisers, {}, {}},
      {{"hold", "确认已举办", "Mark as held"},
       {"planned", "open", "full", "closed"},
       "held",
       {Taker::kHolder, Taker::kDispatcher, Taker::kSystem},
       {comment(false, "comment", "说明", "Comment")},
       {}},
      {{"report", "提交活动总结", "Report"},
       {"held"},
       "reported",
       organisers,
       {comment(true, "minutes", "活动纪要", "Minutes"), comment(false, "outcomes", "活动成效", "Outcomes")},
       {}},
      {{"cancel", "取消活动", "Cancel"},
       {"planned", "open", "full", "closed"},
       "cancelled",
       organisers,
       {{{"reason", "取消原因", "Reason"}, Input::Kind::kReasonCode, true, cancel_reasons(), ""},
        comment(false, "comment", "说明", "Comment")},
       {}},
  };
  flow->holds = [](const access::User& user, const Json& event) { return organises(user, event); };
  flow->check.push_back(check);
  return flow;
}

void add_follow_ups(workflow::Workflow& flow, const records::ResourceSchema* schema) {
  const workflow::Workflow* declared = &flow;
  flow.after.push_back(
      [declared, schema](store::Connection& connection, const Json& event, Event& step, Json&, const Acting&) {
        return follow(connection, *declared, schema, event, step);
      });
}

}  // namespace alley::events
