#pragma once
// The scheduler's pass over a workflow's deadlines: every case whose next
// warning or deadline (the workflow's warn_field / due_field) has come gets
// the warning or breach action of the clock that is due, taken by the system. Each case
// is taken in its own write transaction after reading it again, so with
// several servers on one database a breach is acted on once.

#include <cstddef>

#include "core/error.h"
#include "records/resource_schema.h"
#include "workflow/workflow.h"

namespace alley::store {
class Database;
}

namespace alley::workflow {

struct DeadlineReport {
  std::size_t warned = 0;
  std::size_t breached = 0;
  std::size_t failed = 0;  // cases whose action was refused or failed, rolled back, tried again next pass
};

// At most `limit` cases of each kind a call.
Result<DeadlineReport> run_deadline_pass(store::Database& database, const Workflow& workflow,
                                         const records::ResourceSchema& schema, std::size_t limit = 200);

}  // namespace alley::workflow
