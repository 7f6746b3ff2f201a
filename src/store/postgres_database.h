#pragma once
// The PostgreSQL backend, over libpq. Same schema and SQL as SQLite: `?`
// placeholders become $1…$n, statements are prepared once per connection.
//
// Writes from every app server sharing the database are serialised by a
// transaction-scoped advisory lock taken in begin_write(). Registry writes are
// few and short, and this gives the multi-step checks of a write (references,
// uniqueness, pipeline transitions, audit order) the same guarantee SQLite's
// single writer gives, across processes.

#include <memory>
#include <string>

#include "store/database.h"

namespace alley::store {

Result<std::shared_ptr<Database>> open_postgres(const std::string& url, std::size_t max_connections);

// "$1, $2 …" in place of each `?` outside quoted literals.
std::string to_dollar_placeholders(std::string_view sql);

}  // namespace alley::store
