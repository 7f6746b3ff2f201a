// The service desk at 100,000 demands and 1,000,000 events, on a real SQLite
// file with the Silicon Alley pack: a unit's inbox (its first page of
// demands to sign for, soonest deadline first; target p99 under 20 ms) and
// the scheduler's deadline pass over every open demand (target under 1 s),
// both when nothing is due and when a pass acts on as many due demands as
// it takes at once. Prints medians and p99.
// Run: build/bench/alley_demands_bench [demands]

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "core/seeded_random.h"
#include "core/time_text.h"
#include "modules/modules.h"
#include "percentile.h"
#include "records/pack_loader.h"
#include "records/repository.h"
#include "workflow/deadline_pass.h"
#include "workflow/module.h"
#include "worktime/calendar_store.h"

namespace {

using alley::bench::percentile;

using namespace alley;
using Stopwatch = std::chrono::steady_clock;

double milliseconds_since(Stopwatch::time_point start) {
  return std::chrono::duration<double, std::milli>(Stopwatch::now() - start).count();
}

const char* const kUnits[] = {"huayanglu-subdistrict",       "jiangsulu-subdistrict",       "science-tech-commission",
                              "market-regulation-bureau",    "hr-social-security-bureau",   "justice-bureau",
                              "investment-promotion-office", "district-sme-service-centre", "district-leaders"};
const char* const kCategories[] = {"cat-financing", "cat-business-tax", "cat-human-resources", "cat-ip",   "cat-legal",
                                   "cat-space",     "cat-talent",       "cat-policy",          "cat-other"};
// The history of a closed demand: ten events, the last its closing.
const char* const kClosedHistory[][3] = {{"file", "", "pending_dispatch"},
                                         {"dispatch", "pending_dispatch", "dispatched"},
                                         {"accept", "dispatched", "accepted"},
                                         {"progress", "accepted", "in_progress"},
                                         {"progress", "in_progress", "in_progress"},
                                         {"progress", "in_progress", "in_progress"},
                                         {"progress", "in_progress", "in_progress"},
                                         {"resolve", "in_progress", "resolved"},
                                         {"rate", "resolved", "rated"},
                                         {"close", "rated", "closed"}};

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::max(1000, std::atoi(argv[1])) : 100000;
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each figure as soon as it is measured
  const auto folder = std::filesystem::temp_directory_path() / ("alley-demands-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  // Time stands on Monday 2025-11-03 10:00 in Shanghai until the passes move it.
  auto clock = std::make_shared<ManualClock>(*parse_utc_time("2025-11-03T02:00:00Z"));
  app::App app(clock);
  modules::register_all(app);
  // Two connections: the bench reads on one while a deadline pass takes the other, as in a server.
  if (Status opened = app.open_database("sqlite:" + (folder / "bench.db").string(), 2); !opened)
    return std::fprintf(stderr, "%s\n", opened.error().message.c_str()), 1;
  auto lease = app.database().acquire();
  store::Connection& connection = *lease.value();
  const records::ResourceSchema& schema = *app.catalog().find("demands");
  const workflow::Workflow& flow = *app.find_service<workflow::Workflows>()->find("demands");

  const auto load_start = Stopwatch::now();
  Status loaded = store::in_write_transaction(connection, [&]() -> Status {
    auto pack =
        records::load_pack(connection, app.catalog().resources(), records::find_pack("silicon-alley").value(), nullptr);
    if (!pack) return pack.error();
    Result<worktime::StoredCalendar> calendar = worktime::load_calendar(connection);
    if (!calendar) return calendar.error();
    const auto day = std::chrono::duration_cast<std::chrono::milliseconds>(calendar->calendar.day_length());
    SeededRandom random(7);
    // One in ten is open, waiting to be signed for, dispatched over the 20 working days before now.
    for (int n = 0; n < count; ++n) {
      const bool open = n % 10 == 0;
      const std::string id = "dmd-bench-" + std::to_string(n);
      const std::string unit = kUnits[random.below(std::size(kUnits))];
      const TimePoint received =
          open ? calendar->calendar.after_working_time(
                     clock->now() - std::chrono::hours(24 * 28),
                     std::chrono::milliseconds(std::int64_t(random.uniform() * 20 * double(day.count()))))
               : clock->now() - std::chrono::hours(24 * (30 + random.below(300)));
      const std::string at = iso8601(received);
      const std::string due = iso8601(calendar->calendar.after_working_time(received, day));
      Result<std::int64_t> inserted = connection.execute(
          "INSERT INTO demands (id, name, source, synthetic, version, created_at, updated_at, org_id, category_id, "
          "channel, received_at, status, level_id, unit_id, due_at, warn_at, overdue, last_resort, revisit_due, "
          "returns, reassignments, escalations) VALUES (?, ?, 'synthetic', 1, 10, ?, ?, 'qst', ?, 'online', ?, ?, "
          "'department', ?, ?, NULL, 0, 0, 0, 0, 0, 0)",
          {id, "基准诉求 " + std::to_string(n), at, at, std::string(kCategories[random.below(std::size(kCategories))]),
           at, std::string(open ? "dispatched" : "closed"), unit, open ? store::SqlValue(due) : store::SqlValue()});
      if (!inserted) return inserted.error();
      for (int seq = 1; seq <= 10; ++seq) {
        // An open demand's history: filed, dispatched with its clocks, then eight reminders (督办).
        const char* const* step = open ? (seq == 1   ? kClosedHistory[0]
                                          : seq == 2 ? kClosedHistory[1]
                                                     : nullptr)
                                       : kClosedHistory[seq - 1];
        const std::string action = step ? step[0] : "remind";
        const std::string from = step ? step[1] : "dispatched";
        const std::string to = step ? step[2] : "dispatched";
        const Json payload =
            action == "dispatch"
                ? Json{{"clock_targets", {{"accept", day.count() / 60000}, {"resolve", 7 * day.count() / 60000}}}}
                : Json::object();
        Result<std::int64_t> event = connection.execute(
            "INSERT INTO workflow_events (case_resource, case_id, seq, action, from_state, to_state, actor, unit, "
            "occurred_at, comment, payload, recorded_at) VALUES ('demands', ?, ?, ?, ?, ?, 'bench', ?, ?, ?, ?, ?)",
            {id, std::int64_t(seq), action, from.empty() ? store::SqlValue() : store::SqlValue(from), to, unit, at,
             action == "remind" ? store::SqlValue(std::string("请抓紧办理")) : store::SqlValue(), payload.dump(), at});
        if (!event) return event.error();
      }
    }
    return ok_status();
  });
  if (!loaded) return std::fprintf(stderr, "%s\n", loaded.error().message.c_str()), 1;
  std::printf("loaded %d demands and %d events in %.1f s\n", count, count * 10,
              std::chrono::duration<double>(Stopwatch::now() - load_start).count());

  // A unit's inbox: what it has to sign for, soonest deadline first, the first page.
  std::vector<double> inbox;
  std::int64_t listed = 0;
  for (int repeat = 0; repeat < 300; ++repeat) {
    records::ListQuery query;
    query.filters = {{"unit_id", kUnits[repeat % std::size(kUnits)]}, {"status", "dispatched"}};
    query.sort = "due_at";
    query.limit = 50;
    const auto start = Stopwatch::now();
    Result<records::Page> page = records::list_records(connection, schema, query);
    inbox.push_back(milliseconds_since(start));
    if (!page) return std::fprintf(stderr, "%s\n", page.error().message.c_str()), 1;
    listed = page->total;
  }
  std::printf(
      "inbox, first page of 50 by due time (a unit holds ~%lld to sign for): p50 %.2f ms, p99 %.2f ms "
      "(target p99 < 20 ms)\n",
      static_cast<long long>(listed), percentile(inbox, 0.5), percentile(inbox, 0.99));

  // The deadline pass when nothing is due: the clock put back before every deadline.
  clock->set(*parse_utc_time("2025-10-01T00:00:00Z"));
  std::vector<double> idle;
  for (int repeat = 0; repeat < 20; ++repeat) {
    const auto start = Stopwatch::now();
    Result<workflow::DeadlineReport> report = workflow::run_deadline_pass(app.database(), flow, schema);
    idle.push_back(milliseconds_since(start));
    if (!report || report->breached + report->warned > 0) return std::fprintf(stderr, "the idle pass acted\n"), 1;
  }
  std::printf("deadline pass over %d open demands, none due: median %.2f ms, p99 %.2f ms (target < 1 s)\n", count / 10,
              percentile(idle, 0.5), percentile(idle, 0.99));

  // Passes that find more due than one pass takes: each escalates as many as it takes at once.
  clock->set(*parse_utc_time("2025-11-03T02:00:00Z"));
  std::vector<double> busy;
  std::size_t acted = 0;
  for (int repeat = 0; repeat < 5; ++repeat) {
    const auto start = Stopwatch::now();
    Result<workflow::DeadlineReport> report = workflow::run_deadline_pass(app.database(), flow, schema);
    busy.push_back(milliseconds_since(start));
    if (!report) return std::fprintf(stderr, "%s\n", report.error().message.c_str()), 1;
    acted = report->breached + report->warned;
  }
  std::printf(
      "deadline pass acting on %zu due demands (escalated, each in its own transaction): median %.0f ms, "
      "%.2f ms a demand (target < 1 s)\n",
      acted, percentile(busy, 0.5), percentile(busy, 0.5) / double(std::max<std::size_t>(1, acted)));
  std::filesystem::remove_all(folder);
  return 0;
}
