#include "scheduler/jobs.h"

#include <nlohmann/json.hpp>

#include "store/database.h"

namespace alley::scheduler {

Result<std::int64_t> schedule(store::Connection& connection, const Job& job) {
  Result<store::QueryResult> inserted = connection.query(
      "INSERT INTO scheduled_jobs (kind, run_at, subject_resource, subject_id, payload, attempts, created_at) "
      "VALUES (?, ?, ?, ?, ?, 0, ?) RETURNING id",
      {job.kind, iso8601(job.run_at), job.subject_resource, job.subject_id, job.payload.dump(),
       connection.clock().now_iso8601()});
  if (!inserted) return inserted.error();
  return store::as_integer(inserted->rows.at(0)[0]).value_or(0);
}

Result<std::int64_t> cancel_pending(store::Connection& connection, const std::string& kind,
                                    const std::string& subject_resource, const std::string& subject_id) {
  return connection.execute(
      "UPDATE scheduled_jobs SET cancelled_at = ? WHERE kind = ? AND subject_resource = ? AND subject_id = ? AND "
      "done_at IS NULL AND cancelled_at IS NULL AND failed_at IS NULL",
      {connection.clock().now_iso8601(), kind, subject_resource, subject_id});
}

namespace {

constexpr const char* kJobColumns = "id, kind, run_at, subject_resource, subject_id, attempts, last_error";

Json text_or_null(const store::SqlValue& value) { return store::is_null(value) ? Json() : Json(store::as_text(value)); }

// What every listing says of a job, from the first columns of kJobColumns.
Json job_json(const store::Row& row) {
  return {{"id", store::as_integer(row[0]).value_or(0)},
          {"kind", store::as_text(row[1])},
          {"run_at", store::as_text(row[2])},
          {"subject_resource", store::as_text(row[3])},
          {"subject_id", store::as_text(row[4])},
          {"attempts", store::as_integer(row[5]).value_or(0)},
          {"last_error", text_or_null(row[6])}};
}

}  // namespace

Result<Json> run_log(store::Connection& connection, std::size_t limit) {
  Result<store::QueryResult> rows = connection.query(
      std::string("SELECT ") + kJobColumns +
          ", done_at, failed_at, cancelled_at FROM scheduled_jobs WHERE done_at IS NOT NULL OR failed_at IS NOT NULL "
          "OR cancelled_at IS NOT NULL ORDER BY COALESCE(done_at, failed_at, cancelled_at) DESC, id DESC LIMIT ?",
      {std::int64_t(limit)});
  if (!rows) return rows.error();
  Json items = Json::array();
  for (const store::Row& row : rows->rows) {
    Json job = job_json(row);
    const std::size_t finished = !store::is_null(row[7]) ? 7 : !store::is_null(row[8]) ? 8 : 9;
    job["state"] = finished == 7 ? "done" : finished == 8 ? "failed" : "cancelled";
    job["finished_at"] = store::as_text(row[finished]);
    items.push_back(std::move(job));
  }
  return items;
}

Result<Json> pending_and_failed(store::Connection& connection, std::size_t limit) {
  Result<store::QueryResult> rows =
      connection.query(std::string("SELECT ") + kJobColumns +
                           ", failed_at, created_at FROM scheduled_jobs WHERE done_at IS NULL AND cancelled_at IS NULL "
                           "ORDER BY run_at, id LIMIT ?",
                       {std::int64_t(limit)});
  if (!rows) return rows.error();
  Json items = Json::array();
  for (const store::Row& row : rows->rows) {
    Json job = job_json(row);
    job["failed_at"] = text_or_null(row[7]);
    job["state"] = store::is_null(row[7]) ? "pending" : "failed";
    job["created_at"] = store::as_text(row[8]);
    items.push_back(std::move(job));
  }
  return items;
}

}  // namespace alley::scheduler
