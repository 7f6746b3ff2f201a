#include "proposals/proposal_workflow.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/district_time.h"
#include "core/time_text.h"
#include "notifications/notifications.h"
#include "workflow/actions.h"
#include "worktime/calendar_store.h"

namespace alley::proposals {
namespace {

using workflow::Acting;
using workflow::ClockOp;
using workflow::Event;
using workflow::Input;
using workflow::Taker;

Input comment(bool required, const char* label, const char* label_en, const char* name = "comment") {
  return {{name, label, label_en}, Input::Kind::kComment, required, {}, ""};
}

bool lists(const Json& record, const char* field, const std::string& value) {
  if (!record.contains(field) || !record[field].is_array()) return false;
  return std::find(record[field].begin(), record[field].end(), Json(value)) != record[field].end();
}

Status tell_lead_unit(store::Connection& connection, const Json& proposal, const char* kind,
                      const std::string& message) {
  notifications::Notice notice;
  notice.recipient = notifications::Recipient::kDepartment;
  notice.recipient_id = proposal.value("lead_unit_id", "");
  notice.kind = kind;
  notice.message = message;
  notice.subject_resource = "proposals";
  notice.subject_id = proposal.value("id", "");
  return notice.recipient_id.empty() ? ok_status() : notifications::notify(connection, notice);
}

Status check(store::Connection& connection, const Json& proposal, Event& event, Json& changes, const Acting& acting) {
  const std::string& action = event.action;
  if (action == "file") {
    // A proposal recorded after its reply, with no date of receipt, has no clock to explain.
    if (proposal.contains("replied_on") && !proposal.contains("received_on")) return ok_status();
    Result<worktime::StoredCalendar> calendar = worktime::load_calendar(connection);
    if (!calendar) return calendar.error();
    event.payload["clock_targets"] = {{kReplyClock, calendar->calendar.day_length().count() * kReplyWorkingDays}};
    event.unit = proposal.value("lead_unit_id", "");
  } else if (action == "opinion") {
    // 会办意见 come from the co-handling units (or an administrator, for them).
    const bool co_unit = acting.user && lists(proposal, "co_unit_ids", acting.user->department_id);
    if (acting.user && !acting.user->is_admin() && !co_unit)
      return Error(ErrorCode::kForbidden, "only the co-handling units give their opinions")
          .in_chinese("会办意见由会办单位提出");
    event.unit = acting.user ? acting.user->department_id : std::string();
  } else if (action == "reply") {
    changes["outcome"] = event.payload.value("outcome", "");
    changes["reply_number"] = event.payload.value("reply_number", "");
    changes["signed_by"] = event.payload.value("signed_by", "");
    if (const std::optional<TimePoint> at = parse_utc_time(event.at)) changes["replied_on"] = district_date(*at);
    for (const char* field : {"reply_number", "signed_by"}) {
      if (changes[field] == "") changes.erase(field);
    }
  } else if (action == "publish") {
    changes["published"] = true;
  } else if (action == "feedback") {
    changes["feedback"] = event.payload.value("rating", "");
  }
  if (event.unit.empty()) event.unit = proposal.value("lead_unit_id", "");
  return ok_status();
}

// A recorded reply's history; a live proposal's follow-ups.
Status follow(store::Connection& connection, const workflow::Workflow& flow, const records::ResourceSchema* schema,
              const Json& proposal, const Event& event) {
  const std::string name = "“" + proposal.value("name", "") + "”";
  if (event.action == "warn") return tell_lead_unit(connection, proposal, "proposal_warning", name + "答复期限将至");
  if (event.action == "overdue")
    return tell_lead_unit(connection, proposal, "proposal_overdue", name + "已超过答复期限");
  if (event.action != "file") return ok_status();
  if (!proposal.contains("replied_on")) {
    return tell_lead_unit(connection, proposal, "proposal_assigned", name + "已交办本单位，请签收办理");
  }
  const Acting system{nullptr, {"system", "", access::Writer::kAdmin}};
  // The documents give the reply's day, not its hour: the district's start of that day.
  const std::optional<TimePoint> day = district_day_start(proposal["replied_on"].get<std::string>());
  const std::string replied_at = day ? iso8601(*day) : std::string();
  for (const char* step : {"accept", "reply", "publish"}) {
    if (std::string(step) == "publish" && !proposal.value("published", false)) break;
    workflow::ActionRequest request;
    request.action = step;
    request.at = replied_at;
    if (std::string(step) == "reply") {
      request.inputs = {{"outcome", proposal.value("outcome", "")},
                        {"comment", "答复的日期、文号与办理结果录自答复原文"}};
      if (proposal.contains("reply_number")) request.inputs["reply_number"] = proposal["reply_number"];
      if (proposal.contains("signed_by")) request.inputs["signed_by"] = proposal["signed_by"];
    }
    Result<Json> after = workflow::take_action(connection, flow, *schema, proposal.value("id", ""), request, system);
    if (!after) return after.error();
  }
  return ok_status();
}

}  // namespace

const std::vector<workflow::Labelled>& outcomes() {
  static const std::vector<workflow::Labelled> list = {
      {"solved_or_adopted", "解决或采纳", "Solved or adopted"},
      {"planned", "正在解决或列入计划解决", "Being solved, or planned"},
      {"explained", "因条件限制暂不能解决（留作参考）", "Not possible for now (kept for reference)"},
  };
  return list;
}

const std::vector<workflow::Labelled>& feedback_levels() {
  static const std::vector<workflow::Labelled> list = {{"satisfied", "满意", "Satisfied"},
                                                       {"fair", "基本满意", "Fairly satisfied"},
                                                       {"dissatisfied", "不满意", "Dissatisfied"}};
  return list;
}

std::shared_ptr<workflow::Workflow> proposal_workflow() {
  auto flow = std::make_shared<workflow::Workflow>();
  flow->resource = "proposals";
  flow->state_field = "status";
  flow->opening_action = "file";
  flow->due_field = "due_at";
  flow->warn_field = "warn_at";
  flow->states = {{{"assigned", "已交办", "Assigned"}},
                  {{"handling", "办理中", "Being handled"}},
                  {{"replied", "已答复", "Replied"}},
                  {{"published", "已公开", "Published"}},
                  {{"closed", "办结", "Closed"}, false}};
  flow->clocks = {{{kReplyClock, "答复期限", "Time to reply"}, 0.8, "overdue", "warn"}};
  const std::vector<std::string> open = {"assigned", "handling"};
  flow->actions = {
      {{"file", "交办", "Assign"}, {}, "assigned", {}, {}, {{kReplyClock, ClockOp::kStartIfTargeted}}},
      {{"accept", "签收", "Accept"}, {"assigned"}, "handling", {Taker::kHolder, Taker::kSystem}, {}, {}},
      {{"opinion", "会办意见", "Co-handling opinion"},
       {"handling"},
       "",
       {Taker::kStaff},
       {comment(true, "会办意见", "Opinion")},
       {}},
      {{"contact", "沟通", "Contact"},
       {"handling"},
       "",
       {Taker::kHolder},
       {comment(true, "沟通情况（上门拜访、当面或电话沟通）", "How the proposer was consulted"),
        {{"on", "沟通日期", "On"}, Input::Kind::kDate, false, {}, ""}},
       {}},
      {{"reply", "答复", "Reply"},
       {"handling"},
       "replied",
       {Taker::kHolder, Taker::kSystem},
       {{{"outcome", "办理结果", "Outcome"}, Input::Kind::kReasonCode, true, outcomes(), ""},
        comment(false, "答复文号", "Reply number", "reply_number"),
        comment(false, "签发人", "Signed by", "signed_by"),
        comment(false, "答复要点", "Summary")},
       {{kReplyClock, ClockOp::kStop}}},
      {{"publish", "公开", "Publish"}, {"replied"}, "published", {Taker::kHolder, Taker::kSystem}, {}, {}},
      {{"feedback", "反馈", "Feedback"},
       {"replied", "published"},
       "closed",
       {Taker::kHolder},
       {{{"rating", "委员（代表）反馈", "The proposer's view"}, Input::Kind::kRating, true, feedback_levels(), ""},
        comment(false, "说明", "Comment")},
       {}},
      {{"warn", "期限预警", "Warn"}, open, "", {Taker::kSystem}, {}, {{"", ClockOp::kWarned}}},
      {{"overdue", "超过答复期限", "Overdue"}, open, "", {Taker::kSystem}, {}, {{"", ClockOp::kBreached}}},
  };
  flow->holds = [](const access::User& user, const Json& proposal) {
    return !user.department_id.empty() && proposal.value("lead_unit_id", "") == user.department_id;
  };
  flow->check.push_back(check);
  return flow;
}

// The follow-ups need the resource's schema, known once the module registered it.
void add_follow_ups(workflow::Workflow& flow, const records::ResourceSchema* schema) {
  const workflow::Workflow* declared = &flow;
  flow.after.push_back(
      [declared, schema](store::Connection& connection, const Json& proposal, Event& event, Json&, const Acting&) {
        return follow(connection, *declared, schema, proposal, event);
      });
}

}  // namespace alley::proposals
