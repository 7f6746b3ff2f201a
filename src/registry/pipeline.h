#pragma once
// The investment-promotion pipeline of an organization:
//   target → negotiating → landed → moved_out
// with two ways back: talks that stall return a firm to the target list, and a
// firm that moved out may become a target again.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alley::registry {

const std::vector<std::string>& pipeline_statuses();  // in pipeline order

bool is_pipeline_status(std::string_view status);

// Whether `from` (nullopt: not in the pipeline yet) may move to `to`.
bool pipeline_transition_allowed(std::optional<std::string_view> from, std::string_view to);

// The statuses reachable from `from`, for error messages.
std::vector<std::string> pipeline_next_statuses(std::optional<std::string_view> from);

}  // namespace alley::registry

namespace alley::records {
struct Lifecycle;
}

namespace alley::registry {

// The pipeline as an organization's lifecycle (records/lifecycle.h): its
// status field, its dated events, and POST /organizations/{id}/pipeline.
std::shared_ptr<records::Lifecycle> pipeline_lifecycle();

}  // namespace alley::registry
