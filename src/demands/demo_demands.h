#pragma once
// About 2,000 synthetic demands, over 2025 for `alley init --demo`, each moved
// through the real workflow — routed, signed for late or on time (and then
// escalated), returned, reassigned, suspended, extended, resolved, rated
// (poor ratings reopen them), called back when unrated — at the moments a
// district might see, so the measures and the board show the mechanism at
// work. Every one is marked synthetic and named 示例. The last few arrive in
// the hour before now and are still open, within their time; for the rest the
// same registry always yields the same demands.

#include <cstddef>

#include "core/error.h"
#include "workflow/workflow.h"

namespace alley::catalog {
class Catalog;
}
namespace alley::store {
class Connection;
}

namespace alley::demands {

struct DemoDemands {
  std::size_t demands = 0;
  std::size_t events = 0;
  std::size_t left_open = 0;
};

// REQUIRES: a write transaction, the pack and the registry's demo population loaded.
// Conflict when synthetic demands are there already.
Result<DemoDemands> add_demo_demands(store::Connection& connection, const catalog::Catalog& catalog,
                                     const workflow::Workflow& flow, std::size_t count = 2000);

}  // namespace alley::demands
