#pragma once
// Versioned schema migrations, declared by the modules that own the tables
// (catalog/catalog.h collects them) and run in version order on both
// backends. Each migration runs once, in its own transaction, and is
// recorded in `schema_migrations`.

#include <string>
#include <vector>

#include "store/database.h"

namespace alley::store {

// A table a migration creates, as `alley copy` and backups move it.
struct TableSpec {
  explicit TableSpec(std::string table_name) : name(std::move(table_name)) {}

  std::string name;
  std::string key = "id";                    // the ORDER BY that lists its rows the same way on both backends
  std::vector<std::string> self_references;  // columns referring to the same table: parents are copied first
  bool identity_key = false;                 // PostgreSQL identity column, overridden on copy and resynchronised
  // Empty: copied. Otherwise why not (derived from other tables, or
  // short-lived secrets), which copy_database then leaves out.
  std::string not_copied_because;

  TableSpec& keyed_by(std::string columns) {
    key = std::move(columns);
    return *this;
  }
  TableSpec& parents_in(std::vector<std::string> columns) {
    self_references = std::move(columns);
    return *this;
  }
  TableSpec& with_identity_key() {
    identity_key = true;
    return *this;
  }
  TableSpec& not_copied(std::string reason) {
    not_copied_because = std::move(reason);
    return *this;
  }
};

struct Migration {
  Migration() = default;
  Migration(int version_number, std::string migration_name, std::string neutral_sql,
            std::vector<TableSpec> created = {})
      : version(version_number),
        name(std::move(migration_name)),
        sql(std::move(neutral_sql)),
        tables(std::move(created)) {}

  int version = 0;
  std::string name;
  std::string sql;  // dialect-neutral SQL; {{AUTO_ID}} becomes each backend's auto-increment key
  // What only one backend has (SQLite's FTS5, PostgreSQL's tsvector), run after `sql`.
  std::string sqlite_sql;
  std::string postgres_sql;
  // Every table the SQL creates, in foreign-key order (tests/catalog checks the list against the SQL).
  std::vector<TableSpec> tables;
};

// Brings the schema up to date with `migrations` (in version order). Safe to
// call at every start and from several processes at once (the write lock
// serialises them).
Status migrate(Connection& connection, const std::vector<Migration>& migrations);

// The newest version applied, 0 for an empty database.
Result<int> schema_version(Connection& connection);

}  // namespace alley::store
