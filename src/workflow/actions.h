#pragma once
// Taking a workflow's actions: the checks every action gets (known action,
// allowed from the case's state, by this actor, with what it needs), the
// event, the case's new state and its audit entry, all in the caller's
// write transaction.

#include <optional>
#include <string_view>

#include "core/error.h"
#include "records/resource_schema.h"
#include "workflow/workflow.h"

namespace alley::store {
class Connection;
}

namespace alley::workflow {

struct ActionRequest {
  std::string action;
  Json inputs = Json::object();                  // what the action takes, by input name
  std::optional<std::int64_t> expected_version;  // If-Match; the system acts on what it just read
  std::string at;                                // when it happened; empty: now
  std::string clock;                             // the system's actions: the clock they are for
};

// POST …/actions takes {"action": name, <inputs>…}.
Result<ActionRequest> read_action_request(const Json& body);

// Moves the case. Refuses an unknown action (422), one not open from the
// case's state (409, `allowed` listing those open to the actor), one the
// actor may not take (403), missing or wrong inputs (422) and a stale
// version (412). Returns the case after, with the new event as `event`.
// REQUIRES: a write transaction.
Result<Json> take_action(store::Connection& connection, const Workflow& workflow, const records::ResourceSchema& schema,
                         std::string_view case_id, const ActionRequest& request, const Acting& acting);

// Records a new case's first event (`opening`: its action is the workflow's
// opening action, its to_state the case's state, or where the opening action
// leads when the case has none yet), and runs the checks and
// follow-ups as for any action, so the first clocks start and the first
// unit is told. Returns the case after the checks' changes.
// REQUIRES: a write transaction; the case is already stored.
Result<Json> open_case(store::Connection& connection, const Workflow& workflow, const records::ResourceSchema& schema,
                       const Json& case_record, Event opening, const Acting& acting);

}  // namespace alley::workflow
