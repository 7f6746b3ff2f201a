#pragma once
// Scheduled jobs: work a module asks to be done at a moment — a reminder on
// the date a follow-up is due; later a clock's breach, an offer that lapses.
// A job is written in the same transaction as what asks for it, so it exists
// exactly when that does, and it is done in one transaction with its effect,
// so it is done once even with several servers on one database.
//
// REQUIRES for every write function: a write transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/json.h"

namespace alley::store {
class Connection;
}

namespace alley::scheduler {

struct Job {
  std::int64_t id = 0;  // given when scheduled
  std::string kind;     // which module's handler does it: "pipeline_reminder"
  TimePoint run_at;
  std::string subject_resource;  // the record it concerns, so a newer job can replace it
  std::string subject_id;
  Json payload = Json::object();
  int attempts = 0;
};

Result<std::int64_t> schedule(store::Connection& connection, const Job& job);

// Cancels the jobs of `kind` about the subject that have not run; returns how many.
Result<std::int64_t> cancel_pending(store::Connection& connection, const std::string& kind,
                                    const std::string& subject_resource, const std::string& subject_id);

// Jobs that have not run yet (due or not) and those that failed for good, soonest first.
Result<Json> pending_and_failed(store::Connection& connection, std::size_t limit);

// The run log: jobs done, given up or cancelled, the latest first, each with
// when it finished, its attempts and its last error.
Result<Json> run_log(store::Connection& connection, std::size_t limit);

}  // namespace alley::scheduler
