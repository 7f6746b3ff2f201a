#include "workflow/deadline_pass.h"

#include <nlohmann/json.hpp>

#include "records/repository.h"
#include "store/database.h"
#include "workflow/actions.h"
#include "workflow/clocks.h"
#include "workflow/events.h"
#include "worktime/calendar_store.h"

namespace alley::workflow {
namespace {

const Acting kSystem{nullptr, {"system", "", access::Writer::kAdmin}};

Result<std::vector<std::string>> cases_due(store::Connection& connection, const records::ResourceSchema& schema,
                                           const std::string& field, const std::string& now, std::size_t limit) {
  Result<store::QueryResult> rows =
      connection.query("SELECT id FROM " + schema.name + " WHERE deleted_at IS NULL AND " + field + " <= ? ORDER BY " +
                           field + ", id LIMIT ?",
                       {now, std::int64_t(limit)});
  if (!rows) return rows.error();
  std::vector<std::string> ids;
  for (const auto& row : rows->rows) ids.push_back(store::as_text(row[0]));
  return ids;
}

enum class Moment { kDeadline, kWarning };

// The clock whose deadline (or warning) has come and awaits its action, soonest first.
const ClockRun* clock_due(const Workflow& workflow, const std::vector<ClockRun>& runs, Moment moment, TimePoint now) {
  const ClockRun* soonest = nullptr;
  for (const ClockRun& run : runs) {
    const bool waiting =
        moment == Moment::kDeadline ? awaits_breach_action(workflow, run) : awaits_warning_action(workflow, run);
    if (!waiting) continue;
    const TimePoint at = moment == Moment::kDeadline ? *run.breaches_at : *run.warns_at;
    if (at > now) continue;
    if (!soonest || at < (moment == Moment::kDeadline ? *soonest->breaches_at : *soonest->warns_at)) soonest = &run;
  }
  return soonest;
}

// Takes, for each case whose `field` has come, the action of the clock that
// is due, unless another server did meanwhile.
struct Taken {
  std::size_t done = 0;
  std::size_t failed = 0;
};

Result<Taken> act_on_due(store::Database& database, const Workflow& workflow, const records::ResourceSchema& schema,
                         const std::string& field, Moment moment, std::size_t limit) {
  if (field.empty()) return Taken{};
  Result<store::Database::Lease> lease = database.acquire();
  if (!lease) return lease.error();
  store::Connection& connection = *lease.value();
  const TimePoint now = connection.clock().now();
  const std::string now_text = iso8601(now);
  Result<std::vector<std::string>> due = cases_due(connection, schema, field, now_text, limit);
  if (!due) return due.error();
  Taken taken;
  for (const std::string& id : due.value()) {
    Status done = store::in_write_transaction(connection, [&]() -> Status {
      Result<Json> current = records::get_record(connection, schema, id);
      if (!current) return current.error();
      const Json moment_value = current->value(field, Json());
      if (!moment_value.is_string() || moment_value.get<std::string>() > now_text)
        return ok_status();  // acted on meanwhile
      Result<std::vector<Event>> events = events_of(connection, schema.name, id);
      if (!events) return events.error();
      Result<worktime::StoredCalendar> calendar = worktime::load_calendar(connection);
      if (!calendar) return calendar.error();
      const std::vector<ClockRun> runs = clock_runs(workflow, events.value(), calendar->calendar, now);
      const ClockRun* run = clock_due(workflow, runs, moment, now);
      if (!run) return Error::internal(workflow.resource + " " + id + " has a " + field + " no clock explains");
      const ClockSpec* spec = workflow.find_clock(run->clock);
      ActionRequest request;
      request.action = moment == Moment::kDeadline ? spec->on_breach : spec->on_warning;
      request.clock = run->clock;
      Result<Json> after = take_action(connection, workflow, schema, id, request, kSystem);
      if (!after) return after.error();
      if (after->value(field, Json()) == moment_value)
        return Error::internal("the " + request.action + " action of " + workflow.resource +
                               " leaves its moment in place; it must note or restart the clock");
      ++taken.done;
      return ok_status();
    });
    // One case that cannot be moved (rolled back) does not hold up the others.
    if (!done) ++taken.failed;
  }
  return taken;
}

}  // namespace

Result<DeadlineReport> run_deadline_pass(store::Database& database, const Workflow& workflow,
                                         const records::ResourceSchema& schema, std::size_t limit) {
  DeadlineReport report;
  Result<Taken> breached = act_on_due(database, workflow, schema, workflow.due_field, Moment::kDeadline, limit);
  if (!breached) return breached.error();
  Result<Taken> warned = act_on_due(database, workflow, schema, workflow.warn_field, Moment::kWarning, limit);
  if (!warned) return warned.error();
  report.breached = breached->done;
  report.warned = warned->done;
  report.failed = breached->failed + warned->failed;
  return report;
}

}  // namespace alley::workflow
