#pragma once
// Moves a whole Alley database to another (SQLite ↔ PostgreSQL, either way)
// and proves the copy: row counts and a checksum per table, computed on both
// sides from the values as each backend returns them.

#include <functional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/migrations.h"

namespace alley::store {

struct TableCopy {
  std::string table;
  std::int64_t rows = 0;
  std::uint64_t source_checksum = 0;
  std::uint64_t target_checksum = 0;
};

using CopyProgress = std::function<void(const std::string& table, std::int64_t rows)>;

// Copies `tables` (the catalog's copied_tables(), in foreign-key order).
// REQUIRES: both databases migrated to the same schema version; the target
// holds no records. The source is read in one snapshot, so it may be serving
// meanwhile; the target is written in one transaction, so a failed copy leaves
// it empty. Conflict when the target is not empty; Internal when a checksum
// or count differs after the copy (the copy is then rolled back).
Result<std::vector<TableCopy>> copy_database(Database& source, Database& target, const std::vector<TableSpec>& tables,
                                             const CopyProgress& progress);

// Order-independent of backend: the checksum of a table's rows in key order.
Result<std::uint64_t> table_checksum(Connection& connection, const TableSpec& table, std::int64_t& rows);

}  // namespace alley::store
