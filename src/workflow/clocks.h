#pragma once
// Clocks computed from a case's events: each run of each clock as segments
// of running and paused time, measured in working time, with its target,
// when it warns and when it breaches. Nothing about a clock is stored but
// the events, so every breach can be explained (GET …/clock).

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json.h"
#include "workflow/workflow.h"
#include "worktime/work_calendar.h"

namespace alley::workflow {

using std::chrono::milliseconds;

struct ClockSegment {
  TimePoint from;
  TimePoint to;         // `now` for the segment still open
  bool running = true;  // false: paused
  bool open = false;
  milliseconds working{0};  // working time within it
  std::string begun_by;     // the actions that opened and closed it
  std::string ended_by;
};

struct ClockRun {
  enum class Status { kRunning, kPaused, kStopped, kSuperseded };
  std::string clock;
  int run = 1;          // 1, 2, …: a fresh run after an escalation
  bool current = true;  // the latest run of its clock
  std::string unit;     // the unit of the event that started it
  std::optional<milliseconds> target;
  milliseconds elapsed{0};
  Status status = Status::kRunning;
  std::optional<TimePoint> warns_at;  // when elapsed reaches warn_at × target (past or coming)
  std::optional<TimePoint>
      breaches_at;            // when elapsed reaches the target (past or coming); none while paused short of it
  bool warned = false;        // a warning was recorded
  bool breach_noted = false;  // the breach was acted on
  std::vector<ClockSegment> segments;

  bool breached(TimePoint now) const { return breaches_at && *breaches_at <= now; }
};

std::vector<ClockRun> clock_runs(const Workflow& workflow, const std::vector<Event>& events,
                                 const worktime::WorkCalendar& calendar, TimePoint now);

// Whether the run's deadline, or its warning, still waits for its clock's
// system action (ClockSpec::on_breach / on_warning): it is running, current,
// and nobody acted on it yet.
bool awaits_breach_action(const Workflow& workflow, const ClockRun& run);
bool awaits_warning_action(const Workflow& workflow, const ClockRun& run);

// The soonest deadline, and the soonest warning, that await their action.
struct NextMoments {
  std::optional<TimePoint> due;
  std::optional<TimePoint> warn;
};
NextMoments next_moments(const Workflow& workflow, const std::vector<ClockRun>& runs);

// For the API: {clock, label, run, current, unit, status, target_minutes,
// elapsed_minutes, remaining_minutes, share, warns_at, breaches_at,
// breached, segments: [{from, to, running, open, working_minutes, …}]}.
Json clock_json(const Workflow& workflow, const ClockRun& run, TimePoint now);

}  // namespace alley::workflow
