#include "scheduler/scheduler.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "store/database.h"

namespace alley::scheduler {
namespace {

// The job as it stands now, or nullopt when another server ran or cancelled it meanwhile.
Result<std::optional<Job>> pending_job(store::Connection& connection, std::int64_t id) {
  Result<store::QueryResult> rows = connection.query(
      "SELECT kind, subject_resource, subject_id, payload, attempts FROM scheduled_jobs WHERE id = ? AND "
      "done_at IS NULL AND cancelled_at IS NULL AND failed_at IS NULL",
      {id});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return std::optional<Job>();
  const store::Row& row = rows->rows[0];
  Job job;
  job.id = id;
  job.kind = store::as_text(row[0]);
  job.subject_resource = store::as_text(row[1]);
  job.subject_id = store::as_text(row[2]);
  job.payload = Json::parse(store::as_text(row[3]), nullptr, false);
  if (!job.payload.is_object()) job.payload = Json::object();
  job.attempts = int(store::as_integer(row[4]).value_or(0));
  return std::optional<Job>(std::move(job));
}

Status record_failure(store::Database& database, const Job& job, const std::string& message) {
  Result<store::Database::Lease> lease = database.acquire();
  if (!lease) return lease.error();
  store::Connection& connection = *lease.value();
  return store::in_write_transaction(connection, [&]() -> Status {
    const bool last = job.attempts + 1 >= Scheduler::kMaxAttempts;
    Result<std::int64_t> updated = connection.execute(
        "UPDATE scheduled_jobs SET attempts = attempts + 1, last_error = ?, failed_at = ? WHERE id = ?",
        {message, last ? store::SqlValue(connection.clock().now_iso8601()) : store::SqlValue(), job.id});
    return updated ? ok_status() : Status(updated.error());
  });
}

}  // namespace

void Scheduler::handle(std::string kind, Handler handler) {
  if (!handlers_.emplace(kind, std::move(handler)).second) {
    throw std::logic_error("two modules handle scheduled jobs of kind " + kind);
  }
}

Result<RunReport> Scheduler::run_due(store::Database& database, std::size_t limit) const {
  std::vector<std::int64_t> due;
  {
    Result<store::Database::Lease> lease = database.acquire();
    if (!lease) return lease.error();
    Result<store::QueryResult> rows = lease.value()->query(
        "SELECT id FROM scheduled_jobs WHERE done_at IS NULL AND cancelled_at IS NULL AND failed_at IS NULL AND "
        "run_at <= ? ORDER BY run_at, id LIMIT ?",
        {lease.value()->clock().now_iso8601(), std::int64_t(limit)});
    if (!rows) return rows.error();
    for (const store::Row& row : rows->rows) due.push_back(store::as_integer(row[0]).value_or(0));
  }
  RunReport report;
  for (std::int64_t id : due) {
    std::optional<Job> attempted;
    Status ran = ok_status();
    {
      Result<store::Database::Lease> lease = database.acquire();
      if (!lease) return lease.error();
      store::Connection& connection = *lease.value();
      ran = store::in_write_transaction(connection, [&]() -> Status {
        Result<std::optional<Job>> job = pending_job(connection, id);
        if (!job) return job.error();
        if (!job.value()) return ok_status();
        attempted = job.value();
        auto handler = handlers_.find(attempted->kind);
        if (handler == handlers_.end()) {
          return Error::internal("no module does scheduled jobs of kind " + attempted->kind);
        }
        if (Status done = handler->second(connection, *attempted); !done) return done;
        Result<std::int64_t> marked =
            connection.execute("UPDATE scheduled_jobs SET done_at = ?, attempts = attempts + 1 WHERE id = ?",
                               {connection.clock().now_iso8601(), id});
        return marked ? ok_status() : Status(marked.error());
      });
    }
    if (ran) {
      if (attempted) ++report.done;
      continue;
    }
    if (!attempted) return ran.error();  // the database itself failed: stop until the next call
    ++report.failed;
    if (Status noted = record_failure(database, *attempted, ran.error().message); !noted) return noted.error();
  }
  return report;
}

}  // namespace alley::scheduler
