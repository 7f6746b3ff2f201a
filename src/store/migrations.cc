#include "store/migrations.h"

#include <string>

namespace alley::store {
namespace {

std::string for_dialect(std::string sql, Dialect dialect) {
  const std::string token = "{{AUTO_ID}}";
  const std::string replacement = dialect == Dialect::kSqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                                                              : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
  for (std::size_t at = sql.find(token); at != std::string::npos; at = sql.find(token, at)) {
    sql.replace(at, token.size(), replacement);
  }
  return sql;
}

}  // namespace

Result<int> schema_version(Connection& connection) {
  Result<QueryResult> version = connection.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!version) return version.error();
  return int(as_integer(version->rows.at(0)[0]).value_or(0));
}

Status migrate(Connection& connection, const std::vector<Migration>& migrations) {
  // Inside the write lock: servers starting together must not race to create it.
  Status table = in_write_transaction(connection, [&] {
    return connection.execute_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL)");
  });
  if (!table) return table;
  for (const Migration& migration : migrations) {
    Status applied = in_write_transaction(connection, [&]() -> Status {
      // Re-read inside the lock: another process may have just applied it.
      Result<int> current = schema_version(connection);
      if (!current) return current.error();
      if (current.value() >= migration.version) return ok_status();
      const std::string& specific =
          connection.dialect() == Dialect::kSqlite ? migration.sqlite_sql : migration.postgres_sql;
      for (const std::string& sql : {migration.sql, specific}) {
        if (sql.empty()) continue;
        if (Status done = connection.execute_script(for_dialect(sql, connection.dialect())); !done) {
          return Error::internal("migration " + migration.name + " failed: " + done.error().message);
        }
      }
      Result<std::int64_t> recorded =
          connection.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                             {std::int64_t{migration.version}, migration.name, connection.clock().now_iso8601()});
      if (!recorded) return recorded.error();
      return ok_status();
    });
    if (!applied) return applied;
  }
  return ok_status();
}

}  // namespace alley::store
