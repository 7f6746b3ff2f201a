#pragma once
// A workflow: a case (a demand, a street problem, a proposal) moves through
// declared states by declared actions. Each action says from which states it
// may be taken, where it leads, who may take it (any staff, the unit holding
// the case, the case's own enterprise, the system), what it needs (a reason
// code, a comment, a rating, a unit, a date), and which working-time clocks
// it starts, pauses, resumes or stops. Taking it writes one event (actor,
// unit, time, reason, payload) in the same transaction as the case's new
// state and its audit entry (workflow/actions.h); clocks are computed from
// those events (workflow/clocks.h).
//
// A module declares its workflow as data and registers it with the
// Workflows service (workflow/module.h); the routes follow.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/user.h"
#include "core/error.h"
#include "core/json.h"
#include "records/resource_schema.h"

namespace alley::store {
class Connection;
}
namespace alley::catalog {
class Catalog;
}

namespace alley::workflow {

struct Labelled {
  std::string name;
  std::string label;     // Chinese
  std::string label_en;  // English
};

struct State : Labelled {
  bool open = true;  // false: the case is finished here (closed), no clock runs and no inbox shows it
};

enum class Taker {
  kStaff,       // any district staff member
  kHolder,      // staff of the unit that holds the case now (the module's `holds` says who)
  kOwner,       // the case's own enterprise (the module's `owns`)
  kDispatcher,  // administrators, and the staff the module's `dispatches` names (派单员)
  kSystem,      // the scheduler only (a breach's escalation), never a request
};

// Something an action takes from its body besides its name.
struct Input : Labelled {
  enum class Kind {
    kReasonCode,  // one of `values`
    kComment,     // text of at most 2000 bytes
    kRating,      // one of `values`, in order from best to worst
    kRecordId,    // the id of a record of `resource` (a unit to send the case to); the module's check says which
    kDate,        // YYYY-MM-DD
  };
  Kind kind = Kind::kComment;
  bool required = false;
  std::vector<Labelled> values;  // reason codes, rating levels
  std::string resource;          // kRecordId
};

enum class ClockOp {
  kStart,  // a fresh run (a run still going is superseded)
  // The same, only when the event gives the clock a target: an escalation
  // restarts its clocks where there is a level above, and only notes the
  // breach where there is none.
  kStartIfTargeted,
  kPause,  // waiting on someone outside the unit: the time does not count
  kResume,
  kStop,
  kWarned,    // the holder was warned of the run's coming deadline (by the scheduler)
  kBreached,  // the run's breach was acted on (by the scheduler)
  kExtend,    // an approved extension: `payload.clock_extensions[name]` minutes added to the run's target
};

struct ClockEffect {
  std::string clock;  // empty: the clock the event is for (`payload.clock`: the one warning or breaching)
  ClockOp op = ClockOp::kStart;
};

struct Action : Labelled {
  std::vector<std::string> from;  // the states it may be taken from
  std::string to;                 // where it leads; empty: the state stays (a comment, a reminder)
  std::vector<Taker> takers;      // any one suffices
  std::vector<Input> inputs;
  std::vector<ClockEffect> clocks;
};

// A clock measures working time while it runs. Its target (working time)
// is set by the event that starts it (`payload.clock_targets[name]`, in
// minutes), so each run is explained by the events alone.
struct ClockSpec : Labelled {
  double warn_at = 0.8;  // the share of the target after which the holder is warned
  // The system's actions when the run's warning or deadline comes
  // (workflow/deadline_pass.h), taken for this clock (`payload.clock`):
  // the breach action must restart the clock or note its breach, and the
  // warning action note the warning, so neither is taken twice. Empty: nothing happens.
  std::string on_breach;
  std::string on_warning;
};

// One step of a case's history.
struct Event {
  std::int64_t seq = 0;  // 1, 2, … per case
  std::string action;
  std::string from_state;  // empty for the event that opens the case
  std::string to_state;
  std::string actor;   // the user name, "system", or the importer
  std::string unit;    // the unit the actor acts for, or the case goes to (the module's check fills it)
  std::string at;      // when it happened, ISO 8601 UTC
  std::string reason;  // a reason code, where the action takes one
  std::string comment;
  Json payload = Json::object();  // the other inputs, and what checks add (clock_targets, the unit's name)
};

// Who is acting: a signed-in user, or the system (user null).
struct Acting {
  const access::User* user = nullptr;
  records::Actor actor;
};

// Called in the action's transaction once the generic checks passed: it may
// refuse the action, complete the event (the unit, clock targets; another
// declared state as `to_state`, where the action's outcome depends on the
// case, as an escalation with no level above stays where it is) and name
// fields of the case the action also sets.
using ActionHook = std::function<Status(store::Connection& connection, const Json& case_record, Event& event,
                                        Json& case_changes, const Acting& acting)>;

// Whether a user is the case's holder, or its owner.
using CaseTest = std::function<bool(const access::User& user, const Json& case_record)>;
// Whether a member of staff dispatches cases (who does may be the district's data).
using DispatcherTest = std::function<bool(store::Connection& connection, const access::User& user)>;

struct Workflow {
  std::string resource;        // the case's resource: "demands"
  std::string state_field;     // "status"
  std::string opening_action;  // the event every case starts with ("file"): not taken through the actions route
  std::vector<State> states;
  std::vector<Action> actions;
  std::vector<ClockSpec> clocks;
  CaseTest holds;
  CaseTest owns;
  DispatcherTest dispatches;
  std::vector<ActionHook> check;  // before the case changes, in order
  std::vector<ActionHook> after;  // after the case, its event and its audit entry are written: notify, schedule
  // Case fields (text, ISO 8601 UTC) kept at the soonest deadline and the
  // soonest warning of its running clocks not yet acted on, so a scheduler
  // pass finds due cases by an index instead of replaying every history.
  std::string due_field;
  std::string warn_field;

  const Action* find_action(std::string_view name) const;
  const State* find_state(std::string_view name) const;
  const ClockSpec* find_clock(std::string_view name) const;
};

// A case's text field, or "" where it has none (a demand not yet with a unit).
std::string text_of(const Json& record, const char* field);

// The case fields a workflow's `due_field` and `warn_field` name: text the
// clocks keep, sortable, never written by a request.
std::vector<records::FieldSpec> deadline_fields(std::string due_field, std::string warn_field);

// An enum field whose values are `choices` (a case's states, reason codes,
// ratings), labelled as they are.
records::FieldSpec choice_field(std::string name, const std::vector<Labelled>& choices, std::string description);

// The after-write hook a case resource adds: a new record opens its case
// with the event `first_event` gives (its time, comment, payload), so the
// first clocks start and the first unit is told in the creating transaction.
records::WriteHook opens_cases(std::shared_ptr<const Workflow> workflow, const catalog::Catalog& catalog,
                               std::function<Event(const Json& record)> first_event);

// Whether `acting` is among the action's takers for this case.
bool may_take(store::Connection& connection, const Workflow& workflow, const Action& action, const Acting& acting,
              const Json& case_record);

// The actions open from the case's state that `acting` may take, in declared order.
std::vector<std::string> open_actions(store::Connection& connection, const Workflow& workflow, const Json& case_record,
                                      const Acting& acting);

}  // namespace alley::workflow
