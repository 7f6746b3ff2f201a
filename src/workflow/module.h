#pragma once
// The workflow module: the events table every workflow's cases share, the
// Workflows service modules declare their workflows to while they register,
// and for each declared workflow the routes of its cases:
//   POST /api/v1/<resource>/{id}/actions   take an action (If-Match)
//   GET  /api/v1/<resource>/{id}/timeline  the events, and the actions open to the reader
//   GET  /api/v1/<resource>/{id}/clock     each clock's runs as segments of working time
// A module that declares one registers after this one (modules/modules.cc).

#include <memory>
#include <string_view>
#include <vector>

#include "workflow/workflow.h"

namespace alley::app {
class App;
}

namespace alley::workflow {

class Workflows {
 public:
  // REQUIRES: while modules register (not thread-safe), once per resource.
  void declare(std::shared_ptr<const Workflow> workflow) { workflows_.push_back(std::move(workflow)); }
  const Workflow* find(std::string_view resource) const {
    for (const auto& workflow : workflows_) {
      if (workflow->resource == resource) return workflow.get();
    }
    return nullptr;
  }
  const std::vector<std::shared_ptr<const Workflow>>& all() const { return workflows_; }

 private:
  std::vector<std::shared_ptr<const Workflow>> workflows_;
};

void register_module(app::App& app);

}  // namespace alley::workflow
