// The demand workflow's checks and follow-ups (demands/demand_workflow.h).

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "core/time_text.h"
#include "demands/demand_workflow.h"
#include "demands/terms.h"
#include "notifications/notifications.h"
#include "records/repository.h"
#include "workflow/actions.h"
#include "worktime/calendar_store.h"

namespace alley::demands {
namespace {

using workflow::text_of;

using workflow::Acting;
using workflow::Event;

const Acting kSystem{nullptr, {"system", "", access::Writer::kAdmin}};

std::int64_t count_of(const Json& record, const char* field) {
  return record.contains(field) && record[field].is_number_integer() ? record[field].get<std::int64_t>() : 0;
}

// What the checks and follow-ups share: the catalog's records, the router.
class Desk {
 public:
  explicit Desk(const catalog::Catalog& catalog) : catalog_(catalog), router_(catalog) {}

  const Router& router() const { return router_; }
  const records::ResourceSchema& demands() const { return *catalog_.find("demands"); }

  Result<Json> record(store::Connection& connection, const char* resource, const std::string& id) const {
    return records::get_record(connection, *catalog_.find(resource), id);
  }

  // A unit named by an action: a live department, or a field error.
  Result<Json> named_unit(store::Connection& connection, const std::string& id) const {
    Result<Json> unit = record(connection, "departments", id);
    if (unit) return unit;
    return Error::invalid("there is no unit " + id, {{"unit_id", "is not a department", "没有这个承办单位"}})
        .in_chinese("没有这个承办单位");
  }

  // Dispatchers (派单员): the staff of the unit of last resort.
  bool is_dispatcher(store::Connection& connection, const access::User& user) const {
    Result<Assignment> centre = router_.last_resort(connection);
    return centre && user.department_id == centre->unit_id;
  }

  // The category's targets in working minutes, for the clocks an event starts.
  Result<Json> targets(store::Connection& connection, const Json& demand) const {
    Result<Json> category = record(connection, "service_categories", text_of(demand, "category_id"));
    if (!category) return category.error();
    Result<worktime::StoredCalendar> calendar = worktime::load_calendar(connection);
    if (!calendar) return calendar.error();
    const double day = double(calendar->calendar.day_length().count());
    return Json{{kAcceptClock, std::int64_t(category->value("accept_days", 1.0) * day)},
                {kResolveClock, std::int64_t(category->value("resolve_days", 7.0) * day)}};
  }

  Result<std::int64_t> working_days(store::Connection& connection, int days) const {
    Result<worktime::StoredCalendar> calendar = worktime::load_calendar(connection);
    if (!calendar) return calendar.error();
    return std::int64_t(calendar->calendar.day_length().count()) * days;
  }

 private:
  const catalog::Catalog& catalog_;
  Router router_;
};

// Puts the demand with `assignment`'s unit, its clocks started on the category's targets.
Status assign(store::Connection& connection, const Desk& desk, const Json& demand, const Assignment& assignment,
              Event& event, Json& changes) {
  Result<Json> targets = desk.targets(connection, demand);
  if (!targets) return targets.error();
  event.unit = assignment.unit_id;
  event.payload["clock_targets"] = targets.value();
  event.payload["level_id"] = assignment.level_id;
  event.payload["note"] = assignment.note;
  changes["unit_id"] = assignment.unit_id;
  changes["level_id"] = assignment.level_id;
  changes["routing_note"] = assignment.note;
  changes["handler"] = Json();  // the new unit signs for it afresh
  return ok_status();
}

Status check_filing(store::Connection& connection, const Json& demand, Event& event, Json& changes) {
  const TimePoint now = connection.clock().now();
  if (!demand.contains("received_at")) {
    changes["received_at"] = event.at;
  } else {
    const std::optional<TimePoint> received = parse_utc_time(text_of(demand, "received_at"));
    // A clock's start a little ahead of the server's is a clock skew, not a demand from the future.
    if (received && *received > now + std::chrono::minutes(5))
      return Error::invalid("received_at is in the future",
                            {{"received_at", "cannot be later than now", "受理时间不能晚于当前时间"}})
          .in_chinese("受理时间不能晚于当前时间");
  }
  if (!demand.contains("channel")) changes["channel"] = "online";
  for (const char* count : {"returns", "reassignments", "escalations"}) changes[count] = 0;
  for (const char* flag : {"overdue", "last_resort", "revisit_due"}) changes[flag] = false;
  return ok_status();
}

Status check_dispatch(store::Connection& connection, const Desk& desk, const Json& demand, Event& event,
                      Json& changes) {
  const std::string unit_id = event.payload.value("unit_id", "");
  Assignment assignment;
  if (unit_id.empty()) {
    Result<std::optional<Assignment>> routed = desk.router().route(connection, demand);
    if (!routed) return routed.error();
    if (!routed.value())
      return Error::invalid("no routing rule finds a unit for this demand: name the unit",
                            {{"unit_id", "required: no routing rule finds one", "派单规则未能确定承办单位，请指定"}})
          .in_chinese("派单规则未能确定承办单位，请指定承办单位");
    assignment = *routed.value();
    changes["routing_rule_id"] = assignment.rule_id;
  } else {
    Result<Json> unit = desk.named_unit(connection, unit_id);
    if (!unit) return unit.error();
    Result<std::string> level = desk.router().level_of_unit(connection, unit_id);
    if (!level) return level.error();
    assignment = {level.value(), unit_id, "", "派至" + text_of(unit.value(), "name")};
  }
  Result<Assignment> centre = desk.router().last_resort(connection);
  if (!centre && centre.error().code != ErrorCode::kInvalid) return centre.error();
  const bool last_resort = centre && assignment.unit_id == centre->unit_id &&
                           (count_of(demand, "returns") >= kReturnsBeforeLastResort ||
                            count_of(demand, "reassignments") >= kReassignmentsBeforeLastResort);
  if (last_resort) {
    changes["last_resort"] = true;
    assignment.note = centre->note;
  }
  return assign(connection, desk, demand, assignment, event, changes);
}

Status check_reassign(store::Connection& connection, const Desk& desk, const Json& demand, Event& event,
                      Json& changes) {
  const std::string unit_id = event.payload.value("unit_id", "");
  if (unit_id == text_of(demand, "unit_id"))
    return Error::invalid("the demand is with that unit already",
                          {{"unit_id", "is the unit holding it", "诉求已在该单位"}})
        .in_chinese("诉求已在该单位，请选择其他承办单位");
  Result<Json> unit = desk.named_unit(connection, unit_id);
  if (!unit) return unit.error();
  const std::int64_t reassignments = count_of(demand, "reassignments") + 1;
  changes["reassignments"] = reassignments;
  Assignment assignment;
  if (reassignments >= kReassignmentsBeforeLastResort) {
    Result<Assignment> centre = desk.router().last_resort(connection);
    if (!centre) return centre.error();
    assignment = centre.value();
    assignment.note = "第" + std::to_string(reassignments) + "次转派，" + centre->note;
    changes["last_resort"] = true;
  } else {
    Result<std::string> level = desk.router().level_of_unit(connection, unit_id);
    if (!level) return level.error();
    assignment = {level.value(), unit_id, "", "转派至" + text_of(unit.value(), "name")};
  }
  return assign(connection, desk, demand, assignment, event, changes);
}

Status check_escalation(store::Connection& connection, const Desk& desk, const Json& demand, Event& event,
                        Json& changes) {
  changes["overdue"] = true;
  Result<std::optional<Assignment>> above = desk.router().above(connection, demand);
  if (!above) return above.error();
  if (!above.value()) {
    event.comment = "已在最高服务层级，超时记录在案";
    return ok_status();
  }
  changes["escalations"] = count_of(demand, "escalations") + 1;
  above.value()->note = "超时升级：" + above.value()->note;
  event.to_state = "dispatched";  // the unit above signs for it afresh
  return assign(connection, desk, demand, *above.value(), event, changes);
}

Status check(store::Connection& connection, const Desk& desk, const Json& demand, Event& event, Json& changes) {
  const std::string& action = event.action;
  Status checked = ok_status();
  if (action == "file") {
    checked = check_filing(connection, demand, event, changes);
  } else if (action == "dispatch") {
    checked = check_dispatch(connection, desk, demand, event, changes);
  } else if (action == "reassign") {
    checked = check_reassign(connection, desk, demand, event, changes);
  } else if (action == "escalate") {
    checked = check_escalation(connection, desk, demand, event, changes);
  } else if (action == "return") {
    changes["returns"] = count_of(demand, "returns") + 1;
    changes["unit_id"] = Json();
    changes["level_id"] = Json();
    changes["routing_note"] = "退回待重新派单";
    changes["handler"] = Json();
  } else if (action == "accept") {
    changes["handler"] = event.actor;
  } else if (action == "extend") {
    Result<std::int64_t> extra = desk.working_days(connection, std::stoi(event.payload.value("extra_days", "0")));
    if (!extra) return extra.error();
    event.payload["clock_extensions"] = {{kResolveClock, extra.value()}};
  } else if (action == "resolve") {
    Result<std::int64_t> revisit = desk.working_days(connection, kRevisitAfterDays);
    if (!revisit) return revisit.error();
    event.payload["clock_targets"] = {{kRevisitClock, revisit.value()}};
    changes["resolved_at"] = event.at;
  } else if (action == "rate" || action == "call_back") {
    changes["rating"] = event.payload.value("rating", "");
    changes["revisit_due"] = false;
  } else if (action == "reopen") {
    Result<Json> targets = desk.targets(connection, demand);
    if (!targets) return targets.error();
    event.payload["clock_targets"] = {{kResolveClock, targets.value()[kResolveClock]}};
  } else if (action == "revisit_due") {
    changes["revisit_due"] = true;
  }
  if (!checked) return checked;
  if (event.unit.empty()) event.unit = text_of(demand, "unit_id");
  return ok_status();
}

Status tell(store::Connection& connection, const Json& demand, notifications::Recipient recipient,
            const std::string& recipient_id, const char* kind, const std::string& message) {
  // A demo's thousands of synthetic demands would bury the inboxes they are there to show.
  if (recipient_id.empty() || demand.value("synthetic", false)) return ok_status();
  notifications::Notice notice;
  notice.recipient = recipient;
  notice.recipient_id = recipient_id;
  notice.kind = kind;
  notice.message = message;
  notice.subject_resource = "demands";
  notice.subject_id = text_of(demand, "id");
  return notifications::notify(connection, notice);
}

Status tell_unit(store::Connection& connection, const Json& demand, const std::string& unit_id, const char* kind,
                 const std::string& message) {
  return tell(connection, demand, notifications::Recipient::kDepartment, unit_id, kind, message);
}

Status tell_enterprise(store::Connection& connection, const Json& demand, const char* kind,
                       const std::string& message) {
  return tell(connection, demand, notifications::Recipient::kOrganization, text_of(demand, "org_id"), kind, message);
}

// The dispatchers are the unit of last resort's staff; a district whose
// service system names none has only its administrators, who see every demand.
Status tell_dispatchers(store::Connection& connection, const Desk& desk, const Json& demand,
                        const std::string& message) {
  Result<Assignment> centre = desk.router().last_resort(connection);
  if (!centre) return centre.error().code == ErrorCode::kInvalid ? ok_status() : Status(centre.error());
  return tell_unit(connection, demand, centre->unit_id, "demand_pending", message);
}

// A system action taken as a follow-up of another, in its transaction.
Status take_system_action(store::Connection& connection, const Desk& desk, const workflow::Workflow& flow,
                          const Json& demand, const char* action, Json inputs, const std::string& at = "") {
  workflow::ActionRequest request;
  request.action = action;
  request.inputs = std::move(inputs);
  request.at = at;
  Result<Json> after = workflow::take_action(connection, flow, desk.demands(), text_of(demand, "id"), request, kSystem);
  return after ? ok_status() : Status(after.error());
}

Status follow(store::Connection& connection, const Desk& desk, const workflow::Workflow& flow, const Json& demand,
              const Event& event) {
  const std::string name = "诉求“" + text_of(demand, "name") + "”";
  const std::string& action = event.action;
  if (action == "file") {
    Result<std::optional<Assignment>> routed = desk.router().route(connection, demand);
    if (!routed) return routed.error();
    // Routed at once, from when it was received; where no rule finds a unit, a dispatcher sends it.
    if (routed.value()) return take_system_action(connection, desk, flow, demand, "dispatch", Json::object(), event.at);
    return tell_dispatchers(connection, desk, demand, name + "待派单：派单规则未能确定承办单位");
  }
  // An escalation that found a level above carries the new assignment; one at the top only notes the breach.
  const bool moved_up = action == "escalate" && event.payload.contains("level_id");
  if (action == "dispatch" || action == "reassign" || moved_up) {
    const std::string why = action == "escalate" ? "超时升级，" : "";
    return tell_unit(connection, demand, event.unit, "demand_assigned", name + why + "已派至本单位，请及时签收");
  }
  if (action == "escalate") {
    return tell_unit(connection, demand, event.unit, "demand_overdue", name + "已超时，且已在最高服务层级");
  }
  if (action == "warn") {
    return tell_unit(connection, demand, event.unit, "demand_warning", name + "即将超时，请抓紧办理");
  }
  if (action == "return") {
    Result<Assignment> centre = desk.router().last_resort(connection);
    if (count_of(demand, "returns") >= kReturnsBeforeLastResort && centre) {
      return take_system_action(connection, desk, flow, demand, "dispatch",
                                {{"unit_id", centre->unit_id}, {"comment", "两次退回，转兜底单位办理"}});
    }
    return tell_dispatchers(connection, desk, demand, name + "被退回，待重新派单");
  }
  if (action == "resolve") {
    return tell_enterprise(connection, demand, "demand_resolved", name + "已办结，请评价（好差评）");
  }
  if ((action == "rate" || action == "call_back") && rating_reopens(event.payload.value("rating", ""))) {
    return take_system_action(connection, desk, flow, demand, "reopen", {{"comment", "评价为不满意，重新打开复核"}});
  }
  if (action == "reopen") {
    return tell_unit(connection, demand, event.unit, "demand_reopened", name + "评价为不满意，已重新打开，请复核办理");
  }
  if (action == "revisit_due") {
    return tell_unit(connection, demand, event.unit, "demand_revisit",
                     name + "办结已满" + std::to_string(kRevisitAfterDays) + "个工作日未评价，请回访");
  }
  if (action == "remind") {
    return tell_unit(connection, demand, event.unit, "demand_reminder", name + "督办：" + event.comment);
  }
  return ok_status();
}

}  // namespace

std::shared_ptr<workflow::Workflow> demand_workflow(const catalog::Catalog& catalog) {
  auto flow = std::make_shared<workflow::Workflow>(demand_workflow_spec());
  auto desk = std::make_shared<Desk>(catalog);
  const workflow::Workflow* declared = flow.get();  // the hooks live as long as the workflow holding them
  flow->dispatches = [desk](store::Connection& connection, const access::User& user) {
    return desk->is_dispatcher(connection, user);
  };
  flow->check.push_back([desk](store::Connection& connection, const Json& demand, Event& event, Json& changes,
                               const Acting&) { return check(connection, *desk, demand, event, changes); });
  flow->after.push_back(
      [desk, declared](store::Connection& connection, const Json& demand, Event& event, Json&, const Acting&) {
        return follow(connection, *desk, *declared, demand, event);
      });
  return flow;
}

}  // namespace alley::demands
