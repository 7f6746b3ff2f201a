#pragma once
// A plan with its tasks as a tree, counts per kind, overdue tasks, and the
// gap between the projects a document says it has and those it lists.

#include "core/json.h"
#include "store/database.h"

namespace alley::plans {

// NotFound for an unknown plan. `today` (YYYY-MM-DD) decides what is overdue.
Result<Json> plan_tree(store::Connection& connection, const std::string& plan_id, const std::string& today);

}  // namespace alley::plans
