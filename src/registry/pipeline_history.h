#pragma once
// The dated history of an organization's investment-promotion pipeline
// status, and the one way to change that status after creation.

#include <optional>
#include <string>

#include "records/repository.h"

namespace alley::registry {

struct PipelineEvent {
  std::optional<std::string> from_status;
  std::string to_status;
  std::optional<std::string> occurred_on;  // YYYY-MM-DD; unknown for statuses recorded at registration
  std::string note;
  std::string source;
};

// REQUIRES: a write transaction.
Status insert_pipeline_event(store::Connection& connection, std::string_view organization_id,
                             const PipelineEvent& event, const records::Actor& actor);

// Oldest first: [{from_status, to_status, occurred_on, note, source, recorded_at, actor}].
Result<Json> pipeline_history(store::Connection& connection, std::string_view organization_id);

// Moves the organization to body.status (with optional date, note, source),
// checking the transition rules and If-Match. Returns the updated organization.
// REQUIRES: a write transaction.
Result<Json> change_pipeline_status(store::Connection& connection, const records::ResourceSchema& organizations,
                                    std::string_view organization_id, const Json& body,
                                    std::optional<std::int64_t> expected_version, const records::Actor& actor);

}  // namespace alley::registry
