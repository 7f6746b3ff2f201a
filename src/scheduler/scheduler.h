#pragma once
// Who does each kind of scheduled job, and running those that are due. A
// module says once, while it registers, what a kind of job does
// (`handle`); the background worker then calls `run_due` again and again.

#include <functional>
#include <map>
#include <string>

#include "scheduler/jobs.h"

namespace alley::store {
class Database;
}

namespace alley::scheduler {

// Does the job's work in the transaction that marks it done; an error rolls
// both back and the job is tried again later.
using Handler = std::function<Status(store::Connection& connection, const Job& job)>;

struct RunReport {
  std::int64_t done = 0;
  std::int64_t failed = 0;  // this time; a job fails for good after kMaxAttempts
};

class Scheduler {
 public:
  static constexpr int kMaxAttempts = 5;

  // REQUIRES: while modules register (not thread-safe), once per kind.
  void handle(std::string kind, Handler handler);

  // Runs every job due by the database's clock, each in its own write
  // transaction; at most `limit` a call, so one call never holds the server's
  // write lock for long.
  Result<RunReport> run_due(store::Database& database, std::size_t limit = 100) const;

 private:
  std::map<std::string, Handler> handlers_;
};

}  // namespace alley::scheduler
