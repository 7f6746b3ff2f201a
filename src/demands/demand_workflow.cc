#include "demands/demand_workflow.h"

#include "demands/terms.h"

namespace alley::demands {

using workflow::Action;
using workflow::ClockOp;
using workflow::Input;
using workflow::Taker;

namespace {

Input comment(bool required, const char* label = "说明", const char* label_en = "Comment") {
  return {{"comment", label, label_en}, Input::Kind::kComment, required, {}, ""};
}

Input unit(bool required) {
  return {{"unit_id", "承办单位", "Unit"}, Input::Kind::kRecordId, required, {}, "departments"};
}

Input rating() { return {{"rating", "评价", "Rating"}, Input::Kind::kRating, true, rating_levels(), ""}; }

const std::vector<std::string> kHeld = {"dispatched", "accepted", "in_progress", "suspended"};
const std::vector<std::string> kClocked = {"dispatched", "accepted", "in_progress"};

}  // namespace

workflow::Workflow demand_workflow_spec() {
  workflow::Workflow flow;
  flow.resource = "demands";
  flow.state_field = "status";
  flow.opening_action = "file";
  flow.due_field = "due_at";
  flow.warn_field = "warn_at";
  flow.states = demand_states();
  flow.clocks = {
      {{kAcceptClock, "签收时限", "Time to accept"}, 0.8, "escalate", "warn"},
      {{kResolveClock, "办结时限", "Time to resolve"}, 0.8, "escalate", "warn"},
      {{kRevisitClock, "回访期限", "Time until a call back"}, 1.0, "revisit_due", ""},
  };
  flow.actions = {
      {{"file", "受理", "File"}, {}, "pending_dispatch", {}, {}, {}},
      {{"dispatch", "派单", "Dispatch"},
       {"pending_dispatch"},
       "dispatched",
       {Taker::kDispatcher, Taker::kSystem},
       {unit(false), comment(false)},
       {{kAcceptClock, ClockOp::kStart}, {kResolveClock, ClockOp::kStart}}},
      {{"accept", "签收", "Accept"},
       {"dispatched"},
       "accepted",
       {Taker::kHolder},
       {comment(false)},
       {{kAcceptClock, ClockOp::kStop}}},
      {{"progress", "办理进展", "Record progress"},
       {"accepted", "in_progress"},
       "in_progress",
       {Taker::kHolder},
       {comment(true, "办理情况", "What was done")},
       {}},
      {{"suspend", "挂起", "Suspend"},
       {"accepted", "in_progress"},
       "suspended",
       {Taker::kHolder},
       {comment(true, "等待企业提供的内容", "What the enterprise is to provide")},
       {{kResolveClock, ClockOp::kPause}}},
      {{"resume", "恢复", "Resume"},
       {"suspended"},
       "in_progress",
       {Taker::kHolder, Taker::kOwner},
       {comment(false)},
       {{kResolveClock, ClockOp::kResume}}},
      {{"extend", "延期", "Extend"},
       {"accepted", "in_progress", "suspended"},
       "",
       {Taker::kDispatcher},
       {{{"extra_days", "延长工作日", "Working days added"},
         Input::Kind::kReasonCode,
         true,
         {{"1", "1个工作日", "1 working day"},
          {"3", "3个工作日", "3 working days"},
          {"5", "5个工作日", "5 working days"},
          {"10", "10个工作日", "10 working days"},
          {"20", "20个工作日", "20 working days"}},
         ""},
        comment(true, "延期理由", "Why")},
       {{kResolveClock, ClockOp::kExtend}}},
      {{"return", "退回", "Return"},
       {"dispatched", "accepted"},
       "pending_dispatch",
       {Taker::kHolder},
       {{{"reason", "退回原因", "Reason"}, Input::Kind::kReasonCode, true, return_reasons(), ""}, comment(true)},
       {{kAcceptClock, ClockOp::kStop}, {kResolveClock, ClockOp::kStop}}},
      {{"reassign", "转派", "Reassign"},
       {"dispatched", "accepted", "in_progress"},
       "dispatched",
       {Taker::kHolder, Taker::kDispatcher},
       {unit(true), comment(true)},
       {{kAcceptClock, ClockOp::kStart}, {kResolveClock, ClockOp::kStart}}},
      {{"resolve", "办结", "Resolve"},
       {"accepted", "in_progress"},
       "resolved",
       {Taker::kHolder},
       {comment(true, "办理结果", "Outcome")},
       {{kResolveClock, ClockOp::kStop}, {kRevisitClock, ClockOp::kStart}}},
      {{"rate", "评价", "Rate"},
       {"resolved"},
       "rated",
       {Taker::kOwner},
       {rating(), comment(false, "评价意见", "Comment")},
       {{kRevisitClock, ClockOp::kStop}}},
      {{"call_back", "回访", "Call back"},
       {"resolved"},
       "rated",
       {Taker::kHolder, Taker::kDispatcher},
       {rating(), comment(true, "回访记录", "What the enterprise said")},
       {{kRevisitClock, ClockOp::kStop}}},
      {{"reopen", "重新打开", "Reopen"},
       {"rated"},
       "in_progress",
       {Taker::kSystem},
       {comment(false)},
       {{kResolveClock, ClockOp::kStart}}},
      {{"close", "关闭", "Close"},
       {"resolved", "rated"},
       "closed",
       {Taker::kHolder, Taker::kDispatcher},
       {comment(false)},
       {{kRevisitClock, ClockOp::kStop}}},
      {{"withdraw", "撤回", "Withdraw"},
       {"pending_dispatch", "dispatched", "accepted", "in_progress", "suspended"},
       "closed",
       {Taker::kOwner},
       {comment(false, "撤回原因", "Why")},
       {{kAcceptClock, ClockOp::kStop}, {kResolveClock, ClockOp::kStop}}},
      {{"remind", "督办", "Remind"}, kHeld, "", {Taker::kDispatcher}, {comment(true, "督办意见", "Instruction")}, {}},
      {{"warn", "预警", "Warn"}, kClocked, "", {Taker::kSystem}, {}, {{"", ClockOp::kWarned}}},
      {{"escalate", "超时升级", "Escalate"},
       kClocked,
       "",
       {Taker::kSystem},
       {},
       {{"", ClockOp::kBreached},
        {kAcceptClock, ClockOp::kStartIfTargeted},
        {kResolveClock, ClockOp::kStartIfTargeted}}},
      {{"revisit_due", "待回访", "Call back due"}, {"resolved"}, "", {Taker::kSystem}, {}, {{"", ClockOp::kBreached}}},
  };
  flow.holds = [](const access::User& user, const Json& demand) {
    return !user.department_id.empty() && demand.value("unit_id", "") == user.department_id;
  };
  flow.owns = [](const access::User& user, const Json& demand) {
    return !user.org_id.empty() && demand.value("org_id", "") == user.org_id;
  };
  return flow;
}

}  // namespace alley::demands
