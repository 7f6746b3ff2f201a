#include "registry/pipeline.h"

#include <algorithm>
#include <utility>

#include "records/lifecycle.h"

namespace alley::registry {
namespace {

const std::vector<std::pair<std::string_view, std::string_view>> kTransitions = {
    {"target", "negotiating"}, {"negotiating", "landed"}, {"negotiating", "target"},
    {"landed", "moved_out"},   {"moved_out", "target"},
};

}  // namespace

const std::vector<std::string>& pipeline_statuses() {
  static const std::vector<std::string> statuses = {"target", "negotiating", "landed", "moved_out"};
  return statuses;
}

bool is_pipeline_status(std::string_view status) {
  const auto& all = pipeline_statuses();
  return std::find(all.begin(), all.end(), status) != all.end();
}

bool pipeline_transition_allowed(std::optional<std::string_view> from, std::string_view to) {
  if (!is_pipeline_status(to)) return false;
  // Any firm can enter the pipeline at any stage: the district already hosts
  // landed firms that were never tracked as targets.
  if (!from) return true;
  return std::any_of(kTransitions.begin(), kTransitions.end(),
                     [&](const auto& transition) { return transition.first == *from && transition.second == to; });
}

std::vector<std::string> pipeline_next_statuses(std::optional<std::string_view> from) {
  std::vector<std::string> next;
  for (const std::string& status : pipeline_statuses()) {
    if (pipeline_transition_allowed(from, status)) next.push_back(status);
  }
  return next;
}

std::shared_ptr<records::Lifecycle> pipeline_lifecycle() {
  auto lifecycle = std::make_shared<records::Lifecycle>();
  lifecycle->name = "pipeline";
  lifecycle->status_field = "pipeline_status";
  lifecycle->events_table = "pipeline_events";
  lifecycle->record_column = "organization_id";
  lifecycle->statuses = pipeline_statuses();
  lifecycle->next = [](const std::optional<std::string>& from) {
    return pipeline_next_statuses(from ? std::optional<std::string_view>(*from) : std::nullopt);
  };
  lifecycle->access = access::Access::kStaff;
  lifecycle->summary = "Investment-promotion pipeline status and its dated history";
  lifecycle->change_summary = "Move an organization along the pipeline (target → negotiating → landed → moved_out)";
  return lifecycle;
}

}  // namespace alley::registry
