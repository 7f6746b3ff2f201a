#pragma once
// Versioned schema migrations, one list for both backends. Each migration runs
// once, in its own transaction, and is recorded in `schema_migrations`.

#include "store/database.h"

namespace alley::store {

struct Migration {
  int version;
  const char* name;
  const char* sql;  // dialect-neutral SQL; {{AUTO_ID}} becomes each backend's auto-increment key
  // What only one backend has (SQLite's FTS5, PostgreSQL's tsvector), run after `sql`.
  const char* sqlite_sql = nullptr;
  const char* postgres_sql = nullptr;
};

const std::vector<Migration>& migrations();

// Brings the schema up to date. Safe to call at every start and from several
// processes at once (the write lock serialises them).
Status migrate(Connection& connection);

// The newest version applied, 0 for an empty database.
Result<int> schema_version(Connection& connection);

}  // namespace alley::store
