#include <cstdio>
#include <cstdlib>

#include "cli/commands.h"
#include "registry/search_documents.h"
#include "store/migrations.h"

namespace alley::cli {

std::string database_url(const std::string& option) {
  if (!option.empty()) return option;
  if (const char* configured = std::getenv("ALLEY_DB"); configured && *configured) return configured;
  return "sqlite:alley.db";
}

Result<std::shared_ptr<store::Database>> open_migrated(const std::string& url, std::size_t connections) {
  Result<std::shared_ptr<store::Database>> database = store::Database::open(url, connections);
  if (!database) return database.error();
  Result<store::Database::Lease> lease = database.value()->acquire();
  if (!lease) return lease.error();
  if (Status migrated = store::migrate(*lease.value()); !migrated) {
    return Error::unavailable("cannot prepare the database " + url + ": " + migrated.error().message);
  }
  if (Status indexed = rebuild_search_index_if_needed(*lease.value()); !indexed) return indexed.error();
  return database;
}

Status rebuild_search_index_if_needed(store::Connection& connection) {
  std::int64_t written = 0;
  Status rebuilt = store::in_write_transaction(connection, [&]() -> Status {
    Result<std::int64_t> count = registry::ensure_search_index(connection);
    if (!count) return count.error();
    written = count.value();
    return ok_status();
  });
  if (!rebuilt) return Error::unavailable("cannot build the search index: " + rebuilt.error().message);
  if (written > 0) std::fprintf(stderr, "alley: rebuilt the search index (%lld records)\n", static_cast<long long>(written));
  return ok_status();
}

int fail(const std::string& message, int code) {
  std::fprintf(stderr, "alley: %s\n", message.c_str());
  return code;
}

}  // namespace alley::cli
