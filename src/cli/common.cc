#include <cstdio>
#include <cstdlib>

#include "cli/commands.h"
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
  return database;
}

int fail(const std::string& message, int code) {
  std::fprintf(stderr, "alley: %s\n", message.c_str());
  return code;
}

}  // namespace alley::cli
