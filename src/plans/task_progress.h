#pragma once
// A task's progress as steps: its status moves (or stays, for a progress
// report) by POST /api/v1/tasks/{id}/progress with the evidence — what was
// done (the note), links, files attached to the task — each step dated and
// kept, the task's evidence fields brought up to date with it.

#include <memory>

#include "records/lifecycle.h"
#include "store/migrations.h"

namespace alley::plans {

std::shared_ptr<const records::Lifecycle> task_progress_lifecycle();

store::Migration task_events_migration();  // version 15

}  // namespace alley::plans
