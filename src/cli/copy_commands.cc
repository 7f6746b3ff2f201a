// alley copy, alley backup, alley restore: moving and keeping data safe.

#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <filesystem>

#include "cli/args.h"
#include "cli/commands.h"
#include "store/database_copy.h"
#include "store/file_mark.h"
#include "store/migrations.h"
#include "store/sqlite_backup.h"

namespace alley::cli {
namespace {

// The file path of an sqlite: URL; Invalid for other backends.
Result<std::string> sqlite_path(const std::string& url, const char* what) {
  Result<store::Database::Url> parsed = store::Database::parse_url(url);
  if (!parsed) return parsed.error();
  if (parsed->scheme != "sqlite") {
    return Error::invalid(std::string(what) +
                          " works on SQLite files; for PostgreSQL use pg_dump and pg_restore "
                          "(see docs/DEPLOY.md)");
  }
  return parsed->target;
}

}  // namespace

int copy_command(const std::vector<std::string>& words) {
  Result<Args> args = parse_args(words, {"--from", "--to"}, {});
  if (!args) return fail(args.error().message, 2);
  if (!args->positional.empty() || !args->has("--from") || !args->has("--to")) {
    return fail("usage: alley copy --from URL --to URL", 2);
  }
  if (args->get("--from") == args->get("--to")) return fail("--from and --to are the same database", 2);
  Result<std::unique_ptr<app::App>> source = open_app(args->get("--from"), 1);
  if (!source) return fail(source.error().message);
  Result<std::unique_ptr<app::App>> target = open_app(args->get("--to"), 1);
  if (!target) return fail(target.error().message);
  std::fprintf(stderr, "alley: copying %s to %s\n", source.value()->database().describe().c_str(),
               target.value()->database().describe().c_str());
  // Live progress only on a terminal; logs get the table at the end.
  const bool terminal = ::isatty(2);
  Result<std::vector<store::TableCopy>> report = store::copy_database(
      source.value()->database(), target.value()->database(), source.value()->catalog().copied_tables(),
      [terminal](const std::string& table, std::int64_t rows) {
        if (terminal) std::fprintf(stderr, "\r  %-16s %" PRId64 " rows   ", table.c_str(), rows);
      });
  if (terminal) std::fprintf(stderr, "\r%40s\r", "");
  if (!report) return fail("nothing was copied: " + report.error().message);
  if (Status indexed = target.value()->rebuild_search_index_if_needed(); !indexed) return fail(indexed.error().message);
  std::printf("%-16s %10s  %s\n", "table", "rows", "checksum (source = target)");
  for (const store::TableCopy& table : report.value()) {
    std::printf("%-16s %10" PRId64 "  %016" PRIx64 "\n", table.table.c_str(), table.rows, table.target_checksum);
  }
  std::fprintf(stderr, "alley: copied and verified %zu tables\n", report->size());
  return 0;
}

int backup_command(const std::vector<std::string>& words) {
  Result<Args> args = parse_args(words, {"--db", "--to"}, {});
  if (!args) return fail(args.error().message, 2);
  if (!args->positional.empty() || !args->has("--to")) return fail("usage: alley backup [--db URL] --to FILE", 2);
  Result<std::string> path = sqlite_path(database_url(args->get("--db")), "backup");
  if (!path) return fail(path.error().message, 2);
  const std::string destination = args->get("--to");
  if (std::filesystem::exists(destination)) return fail(destination + " exists already; choose a new file", 2);
  if (!std::filesystem::exists(path.value())) return fail("there is no database at " + path.value());
  Status copied = store::sqlite_online_copy(path.value(), destination, nullptr);
  if (!copied) {
    std::filesystem::remove(destination);
    return fail(copied.error().message);
  }
  std::fprintf(stderr, "alley: backed up %s to %s (integrity checked)\n", path.value().c_str(), destination.c_str());
  return 0;
}

int restore_command(const std::vector<std::string>& words) {
  Result<Args> args = parse_args(words, {"--db", "--from"}, {"--force"});
  if (!args) return fail(args.error().message, 2);
  if (!args->positional.empty() || !args->has("--from")) {
    return fail("usage: alley restore --from FILE [--db URL] [--force]", 2);
  }
  Result<std::string> path = sqlite_path(database_url(args->get("--db")), "restore");
  if (!path) return fail(path.error().message, 2);
  const std::string backup = args->get("--from");
  if (!std::filesystem::exists(backup)) return fail("there is no backup at " + backup);
  if (std::filesystem::exists(path.value()) && !args->has("--force")) {
    return fail(path.value() + " exists; stop the servers using it and add --force to replace its contents", 2);
  }
  // Held until the copy is done: no server may be using the file, nor start meanwhile.
  std::optional<store::FileMark> restoring;
  if (std::filesystem::exists(path.value())) {
    Result<store::FileMark> mark = store::FileMark::hold_exclusive(path.value());
    if (!mark) return fail(mark.error().message);
    restoring.emplace(std::move(mark.value()));
  }
  // Check the backup is an Alley database before touching the target (reading only).
  {
    Result<std::shared_ptr<store::Database>> check = store::Database::open("sqlite:" + backup, 1);
    if (!check) return fail(backup + " is not an Alley database: " + check.error().message);
    Result<store::Database::Lease> lease = check.value()->acquire();
    if (!lease || !store::schema_version(*lease.value())) return fail(backup + " is not an Alley database");
  }
  Status copied = store::sqlite_online_copy(backup, path.value(), nullptr);
  if (!copied) return fail(copied.error().message);
  std::fprintf(stderr, "alley: restored %s from %s (integrity checked)\n", path.value().c_str(), backup.c_str());
  return 0;
}

}  // namespace alley::cli
