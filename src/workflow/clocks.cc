#include "workflow/clocks.h"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "core/time_text.h"

namespace alley::workflow {
namespace {

using std::chrono::minutes;

// Where the running time of the run reaches `amount`: in a closed
// segment, or, for a run still going, in its open one (then possibly ahead of now).
std::optional<TimePoint> moment_reaching(const worktime::WorkCalendar& calendar, const ClockRun& run,
                                         milliseconds amount) {
  milliseconds before{0};
  for (const ClockSegment& segment : run.segments) {
    if (!segment.running) continue;
    if (segment.open || before + segment.working >= amount)
      return calendar.after_working_time(segment.from, amount - before);
    before += segment.working;
  }
  return std::nullopt;
}

void close_segment(ClockRun& run, TimePoint at, const std::string& action, const worktime::WorkCalendar& calendar) {
  if (run.segments.empty() || !run.segments.back().open) return;
  ClockSegment& segment = run.segments.back();
  segment.to = std::max(at, segment.from);
  segment.open = false;
  segment.ended_by = action;
  if (segment.running) segment.working = calendar.working_time_between(segment.from, segment.to);
}

void open_segment(ClockRun& run, TimePoint at, bool running, const std::string& action) {
  ClockSegment segment;
  segment.from = at;
  segment.to = at;
  segment.running = running;
  segment.open = true;
  segment.begun_by = action;
  run.segments.push_back(std::move(segment));
}

// payload[key][clock], a number of minutes.
std::optional<milliseconds> minutes_in(const Event& event, const char* key, const std::string& clock) {
  if (!event.payload.contains(key)) return std::nullopt;
  const Json& figures = event.payload[key];
  if (!figures.is_object() || !figures.contains(clock) || !figures[clock].is_number()) return std::nullopt;
  return std::chrono::duration_cast<milliseconds>(minutes(figures[clock].get<std::int64_t>()));
}

std::optional<milliseconds> target_of(const Event& event, const std::string& clock) {
  return minutes_in(event, "clock_targets", clock);
}

std::string status_name(ClockRun::Status status) {
  switch (status) {
    case ClockRun::Status::kRunning:
      return "running";
    case ClockRun::Status::kPaused:
      return "paused";
    case ClockRun::Status::kStopped:
      return "stopped";
    case ClockRun::Status::kSuperseded:
      return "superseded";
  }
  return "stopped";
}

double whole_minutes(milliseconds amount) { return std::floor(double(amount.count()) / 60000.0); }

}  // namespace

std::vector<ClockRun> clock_runs(const Workflow& workflow, const std::vector<Event>& events,
                                 const worktime::WorkCalendar& calendar, TimePoint now) {
  std::vector<ClockRun> runs;
  std::map<std::string, std::size_t> latest;  // clock → index of its latest run
  for (const Event& event : events) {
    const Action* action = workflow.find_action(event.action);
    const std::optional<TimePoint> at = parse_utc_time(event.at);
    if (!action || !at) continue;
    for (const ClockEffect& effect : action->clocks) {
      const std::string clock = effect.clock.empty() ? event.payload.value("clock", "") : effect.clock;
      auto found = latest.find(clock);
      ClockRun* run = found == latest.end() ? nullptr : &runs[found->second];
      const bool going = run && (run->status == ClockRun::Status::kRunning || run->status == ClockRun::Status::kPaused);
      switch (effect.op) {
        case ClockOp::kStartIfTargeted:
          if (!target_of(event, clock)) break;
          [[fallthrough]];
        case ClockOp::kStart: {
          if (going) {
            close_segment(*run, *at, event.action, calendar);
            run->status = ClockRun::Status::kSuperseded;
          }
          ClockRun fresh;
          fresh.clock = clock;
          fresh.run = run ? run->run + 1 : 1;
          if (run) run->current = false;
          fresh.unit = event.unit;
          fresh.target = target_of(event, clock);
          open_segment(fresh, *at, true, event.action);
          latest[clock] = runs.size();
          runs.push_back(std::move(fresh));
          break;
        }
        case ClockOp::kPause:
          if (going && run->status == ClockRun::Status::kRunning) {
            close_segment(*run, *at, event.action, calendar);
            open_segment(*run, *at, false, event.action);
            run->status = ClockRun::Status::kPaused;
          }
          break;
        case ClockOp::kResume:
          if (going && run->status == ClockRun::Status::kPaused) {
            close_segment(*run, *at, event.action, calendar);
            open_segment(*run, *at, true, event.action);
            run->status = ClockRun::Status::kRunning;
          }
          break;
        case ClockOp::kStop:
          if (going) {
            close_segment(*run, *at, event.action, calendar);
            run->status = ClockRun::Status::kStopped;
          }
          break;
        case ClockOp::kWarned:
          if (run) run->warned = true;
          break;
        case ClockOp::kBreached:
          if (run) run->breach_noted = true;
          break;
        case ClockOp::kExtend:
          if (going && run->target) {
            const std::optional<milliseconds> extra = minutes_in(event, "clock_extensions", clock);
            if (extra) {
              *run->target += *extra;
              // The new deadline is one more chance: a breach noted before is not this one.
              run->breach_noted = false;
              run->warned = false;
            }
          }
          break;
      }
    }
  }
  for (ClockRun& run : runs) {
    if (!run.segments.empty() && run.segments.back().open) {
      ClockSegment& open = run.segments.back();
      open.to = std::max(now, open.from);
      if (open.running) open.working = calendar.working_time_between(open.from, open.to);
    }
    for (const ClockSegment& segment : run.segments) run.elapsed += segment.working;
    if (!run.target) continue;
    const ClockSpec* spec = workflow.find_clock(run.clock);
    const double warn_share = spec ? spec->warn_at : 0.8;
    run.breaches_at = moment_reaching(calendar, run, *run.target);
    run.warns_at = moment_reaching(calendar, run,
                                   milliseconds(static_cast<std::int64_t>(double(run.target->count()) * warn_share)));
  }
  return runs;
}

bool awaits_breach_action(const Workflow& workflow, const ClockRun& run) {
  const ClockSpec* spec = workflow.find_clock(run.clock);
  return spec && !spec->on_breach.empty() && run.current && run.status == ClockRun::Status::kRunning &&
         run.breaches_at && !run.breach_noted;
}

bool awaits_warning_action(const Workflow& workflow, const ClockRun& run) {
  const ClockSpec* spec = workflow.find_clock(run.clock);
  return spec && !spec->on_warning.empty() && run.current && run.status == ClockRun::Status::kRunning && run.warns_at &&
         !run.warned && !run.breach_noted;
}

NextMoments next_moments(const Workflow& workflow, const std::vector<ClockRun>& runs) {
  NextMoments next;
  for (const ClockRun& run : runs) {
    if (awaits_breach_action(workflow, run) && (!next.due || *run.breaches_at < *next.due)) next.due = run.breaches_at;
    if (awaits_warning_action(workflow, run) && (!next.warn || *run.warns_at < *next.warn)) next.warn = run.warns_at;
  }
  return next;
}

Json clock_json(const Workflow& workflow, const ClockRun& run, TimePoint now) {
  const ClockSpec* spec = workflow.find_clock(run.clock);
  Json segments = Json::array();
  for (const ClockSegment& segment : run.segments) {
    Json part = {{"from", iso8601(segment.from)},
                 {"to", iso8601(segment.to)},
                 {"running", segment.running},
                 {"open", segment.open},
                 {"working_minutes", whole_minutes(segment.working)},
                 {"begun_by", segment.begun_by}};
    if (!segment.ended_by.empty()) part["ended_by"] = segment.ended_by;
    segments.push_back(std::move(part));
  }
  Json json = {{"clock", run.clock},
               {"label", spec ? spec->label : run.clock},
               {"label_en", spec ? spec->label_en : run.clock},
               {"run", run.run},
               {"current", run.current},
               {"status", status_name(run.status)},
               {"elapsed_minutes", whole_minutes(run.elapsed)},
               {"breached", run.breached(now)},
               {"warned", run.warned},
               {"segments", segments}};
  if (!run.unit.empty()) json["unit"] = run.unit;
  if (run.target) {
    json["target_minutes"] = whole_minutes(*run.target);
    json["remaining_minutes"] = whole_minutes(*run.target - std::min(run.elapsed, *run.target));
    json["share"] = run.target->count() == 0 ? 1.0 : double(run.elapsed.count()) / double(run.target->count());
  }
  // The share of the target at which its holder is warned; none where the clock never warns.
  if (spec && !spec->on_warning.empty()) json["warn_share"] = spec->warn_at;
  if (run.warns_at) json["warns_at"] = iso8601(*run.warns_at);
  if (run.breaches_at) json["breaches_at"] = iso8601(*run.breaches_at);
  return json;
}

}  // namespace alley::workflow
