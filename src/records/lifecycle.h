#pragma once
// A lifecycle: a status field of a resource that moves only along allowed
// steps, each step dated and kept (the investment-promotion pipeline of an
// organization; a ticket's, an incident's or a registration's status). The
// field is set on create only; afterwards it changes through
// POST /api/v1/<resource>/{id}/<name>, and GET there gives the history,
// which a record read alone also carries as <name>_history.
//
// REQUIRES for every write function: a write transaction.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/access_level.h"
#include "core/json.h"
#include "records/resource_schema.h"

namespace alley::records {

struct LifecycleEvent;

// What a step may carry besides its status, date, note and source — the
// next step and who owns it, a reminder date, evidence links, files — kept
// with the step in its events table's `details`.
struct StepField {
  enum class Kind {
    kText,        // a string of at most 2000 bytes
    kComingDate,  // YYYY-MM-DD, today (in the district) or later
    kLinks,       // http(s) addresses, at most 20
    kIds,         // ids of other records, at most 20 (the declaring module's check says which)
  };
  std::string name;
  Kind kind = Kind::kText;
  std::string description;
};

// Called in the step's transaction once the generic checks passed: a check
// refuses the step (an owner who is not a user), completes its details
// (the owner's user name) or names record fields the step also sets;
// a follow-up acts on it (schedules its reminder).
using StepHook = std::function<Status(store::Connection& connection, std::string_view record_id, LifecycleEvent& event,
                                      const Actor& actor)>;

struct Lifecycle {
  std::string name;          // the route's last segment and the word messages use: "pipeline"
  std::string status_field;  // "pipeline_status"
  std::string
      events_table;  // (id, <record_column>, from_status, to_status, occurred_on, note, source, recorded_at, actor)
  std::string record_column;          // "organization_id"
  std::vector<std::string> statuses;  // in order
  // The statuses a record in `from` may move to (nullopt: not in the lifecycle yet).
  std::function<std::vector<std::string>(const std::optional<std::string>& from)> next;
  access::Access access = access::Access::kStaff;  // who reads the history and moves records along
  std::string summary;                             // OpenAPI: the history route
  std::string change_summary;                      // OpenAPI: the change route
  // A step to the status a record already has records a follow-up (a
  // progress report, another talk with the firm) instead of being refused.
  bool follow_ups = false;
  std::vector<StepField> step_fields;
  std::vector<StepHook> check_step;        // before the record changes
  std::vector<StepHook> after_step;        // after the record, its history and its audit entry are written
  Json added_properties = Json::object();  // OpenAPI: what checks add to a step's details (owner_username)
};

struct LifecycleEvent {
  std::optional<std::string> from_status;
  std::string to_status;
  std::optional<std::string> occurred_on;  // YYYY-MM-DD; unknown for statuses recorded at registration
  std::string note;
  std::string source;
  Json details = Json::object();         // the step fields given, and what checks added
  Json record_changes = Json::object();  // other fields of the record the step sets (checks fill it)
};

Status insert_lifecycle_event(store::Connection& connection, const Lifecycle& lifecycle, std::string_view record_id,
                              const LifecycleEvent& event, const Actor& actor);

// Oldest first: [{from_status, to_status, occurred_on, note, source, recorded_at, actor, <details>…}].
Result<Json> lifecycle_history(store::Connection& connection, const Lifecycle& lifecycle, std::string_view record_id);

// Moves the record to body.status (with optional date, note, source),
// checking the allowed steps and If-Match (`expected_version`), then audits
// and runs the resource's after-write hooks. Returns the updated record.
// REQUIRES: `schema.lifecycle`.
Result<Json> change_lifecycle_status(store::Connection& connection, const ResourceSchema& schema,
                                     std::string_view record_id, const Json& body,
                                     std::optional<std::int64_t> expected_version, const Actor& actor);

// The after-write hook that records a new record's first status as the
// first step of its history.
WriteHook first_lifecycle_step(std::shared_ptr<const Lifecycle> lifecycle);

// The OpenAPI schemas <name> (status and history), <name>_change and <name>_event.
void describe_lifecycle(const Lifecycle& lifecycle, Json& schemas);

}  // namespace alley::records
