#include "store/sqlite_backup.h"

#include <sqlite3.h>

#include <memory>

namespace alley::store {
namespace {

using Handle = std::unique_ptr<sqlite3, decltype(&sqlite3_close_v2)>;

Result<Handle> open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int code = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Handle handle(raw, &sqlite3_close_v2);
  if (code != SQLITE_OK) {
    return Error::unavailable("cannot open " + path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(code)));
  }
  sqlite3_busy_timeout(raw, 10000);
  return handle;
}

}  // namespace

Status sqlite_online_copy(const std::string& from_path, const std::string& to_path,
                          const std::function<void(int, int)>& progress) {
  Result<Handle> from = open(from_path, SQLITE_OPEN_READONLY);
  if (!from) return from.error();
  // A file that is not a database fails here rather than half-way.
  if (sqlite3_exec(from.value().get(), "SELECT COUNT(*) FROM sqlite_master", nullptr, nullptr, nullptr) != SQLITE_OK) {
    return Error::invalid(from_path + " is not an SQLite database: " + sqlite3_errmsg(from.value().get()));
  }
  Result<Handle> to = open(to_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!to) return to.error();
  sqlite3_backup* backup = sqlite3_backup_init(to.value().get(), "main", from.value().get(), "main");
  if (!backup) return Error::unavailable(std::string("cannot start the copy: ") + sqlite3_errmsg(to.value().get()));
  int code;
  // Small steps let writers on the source proceed between them; a write
  // restarts the copy so the result is still one snapshot.
  while ((code = sqlite3_backup_step(backup, 256)) == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED) {
    if (progress)
      progress(sqlite3_backup_pagecount(backup) - sqlite3_backup_remaining(backup), sqlite3_backup_pagecount(backup));
    if (code != SQLITE_OK) sqlite3_sleep(20);
  }
  sqlite3_backup_finish(backup);
  if (code != SQLITE_DONE) return Error::internal(std::string("the copy failed: ") + sqlite3_errstr(code));
  sqlite3_stmt* check = nullptr;
  sqlite3_prepare_v2(to.value().get(), "PRAGMA integrity_check", -1, &check, nullptr);
  std::string verdict = "no answer";
  if (check && sqlite3_step(check) == SQLITE_ROW)
    verdict = reinterpret_cast<const char*>(sqlite3_column_text(check, 0));
  sqlite3_finalize(check);
  if (verdict != "ok") return Error::internal("the copy at " + to_path + " failed its integrity check: " + verdict);
  return ok_status();
}

}  // namespace alley::store
