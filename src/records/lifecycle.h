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
};

struct LifecycleEvent {
  std::optional<std::string> from_status;
  std::string to_status;
  std::optional<std::string> occurred_on;  // YYYY-MM-DD; unknown for statuses recorded at registration
  std::string note;
  std::string source;
};

Status insert_lifecycle_event(store::Connection& connection, const Lifecycle& lifecycle, std::string_view record_id,
                              const LifecycleEvent& event, const Actor& actor);

// Oldest first: [{from_status, to_status, occurred_on, note, source, recorded_at, actor}].
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
