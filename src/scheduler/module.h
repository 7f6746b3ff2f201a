#pragma once
// The scheduler module: the scheduled_jobs table, the Scheduler service that
// modules tell what each kind of job does (scheduler/scheduler.h), due jobs
// run as the application's background work, and GET /api/v1/scheduled-jobs
// for administrators to see what waits and what failed.

namespace alley::app {
class App;
}

namespace alley::scheduler {

// REQUIRES: registered before the modules that schedule jobs.
void register_module(app::App& app);

}  // namespace alley::scheduler
