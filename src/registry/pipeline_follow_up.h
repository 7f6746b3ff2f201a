#pragma once
// Follow-ups on the pipeline: each step may say what comes next, who owns it
// and when to be reminded. On the reminder date (in the district's time)
// the owner — or, with none named, whoever recorded the step — is notified;
// a newer step of the same organization replaces a reminder still pending.

#include "records/lifecycle.h"

namespace alley::scheduler {
class Scheduler;
}

namespace alley::registry {

constexpr const char* kPipelineReminder = "pipeline_reminder";

// Adds next_step, owner_id and remind_on to the pipeline's steps, and tells
// `scheduler` how to send the reminders.
void add_follow_ups(records::Lifecycle& pipeline, scheduler::Scheduler& scheduler);

}  // namespace alley::registry
