#include "store/database_copy.h"

#include <cstdio>

#include "store/migrations.h"
#include "store/number_text.h"

namespace alley::store {
namespace {

constexpr std::int64_t kPage = 1000;

void mix(std::uint64_t& hash, std::string_view bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001B3ULL;  // FNV-1a 64
  }
}

std::string canonical(const SqlValue& value) {
  if (is_null(value)) return "\\N";
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&value)) return real_to_text(*real);
  return std::get<std::string>(value);
}

// Rows whose parent (in the same table) comes first, so foreign keys hold at
// every insert.
std::vector<Row> parents_first(std::vector<Row> rows, std::size_t key_column, std::vector<std::size_t> parent_columns) {
  std::vector<Row> ordered;
  std::vector<std::string> placed;
  std::vector<bool> done(rows.size(), false);
  for (bool progress = true; progress;) {
    progress = false;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (done[i]) continue;
      bool ready = true;
      for (std::size_t column : parent_columns) {
        const SqlValue& parent = rows[i][column];
        ready = ready && (is_null(parent) || std::find(placed.begin(), placed.end(), as_text(parent)) != placed.end());
      }
      if (!ready) continue;
      placed.push_back(as_text(rows[i][key_column]));
      ordered.push_back(std::move(rows[i]));
      done[i] = progress = true;
    }
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!done[i]) ordered.push_back(std::move(rows[i]));  // dangling parent: the insert reports it
  }
  return ordered;
}

Status copy_table(Connection& from, Connection& to, const TableSpec& spec, const CopyProgress& progress,
                  std::int64_t& copied) {
  std::vector<std::string> columns;
  std::vector<Row> pending;  // only for tables that must be ordered by parent
  for (std::int64_t offset = 0;; offset += kPage) {
    Result<QueryResult> page =
        from.query("SELECT * FROM " + spec.name + " ORDER BY " + spec.key + " LIMIT ? OFFSET ?", {kPage, offset});
    if (!page) return page.error();
    if (columns.empty()) columns = page->columns;
    std::string column_list, placeholders;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      column_list += (i ? ", " : "") + columns[i];
      placeholders += i ? ", ?" : "?";
    }
    const std::string insert =
        "INSERT INTO " + spec.name + " (" + column_list + ")" +
        (spec.identity_key && to.dialect() == Dialect::kPostgres ? " OVERRIDING SYSTEM VALUE" : "") + " VALUES (" +
        placeholders + ")";
    if (!spec.self_references.empty()) {
      for (Row& row : page->rows) pending.push_back(std::move(row));
    } else {
      for (const Row& row : page->rows) {
        Result<std::int64_t> inserted = to.execute(insert, row.values);
        if (!inserted) return Error::internal("copying " + spec.name + ": " + inserted.error().message);
        ++copied;
      }
      if (progress) progress(spec.name, copied);
    }
    if (std::int64_t(page->rows.size()) < kPage) {
      if (!spec.self_references.empty() && !pending.empty()) {
        const auto key = std::size_t(std::find(columns.begin(), columns.end(), spec.key) - columns.begin());
        std::vector<std::size_t> parents;
        for (const std::string& reference : spec.self_references) {
          parents.push_back(std::size_t(std::find(columns.begin(), columns.end(), reference) - columns.begin()));
        }
        for (const Row& row : parents_first(std::move(pending), key, parents)) {
          Result<std::int64_t> inserted = to.execute(insert, row.values);
          if (!inserted) return Error::internal("copying " + spec.name + ": " + inserted.error().message);
          ++copied;
        }
        if (progress) progress(spec.name, copied);
      }
      break;
    }
  }
  if (spec.identity_key && to.dialect() == Dialect::kPostgres) {
    // New rows must not reuse the ids just copied.
    Result<QueryResult> synced = to.query("SELECT setval(pg_get_serial_sequence('" + spec.name +
                                          "', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM " + spec.name);
    if (!synced) return synced.error();
  }
  return ok_status();
}

}  // namespace

Result<std::uint64_t> table_checksum(Connection& connection, const TableSpec& table, std::int64_t& rows) {
  std::uint64_t hash = 0xCBF29CE484222325ULL;
  rows = 0;
  for (std::int64_t offset = 0;; offset += kPage) {
    Result<QueryResult> page = connection.query(
        "SELECT * FROM " + table.name + " ORDER BY " + table.key + " LIMIT ? OFFSET ?", {kPage, offset});
    if (!page) return page.error();
    for (const Row& row : page->rows) {
      for (std::size_t i = 0; i < row.values.size(); ++i) {
        mix(hash, page->columns[i]);
        mix(hash, "=");
        mix(hash, canonical(row[i]));
        mix(hash, "\x1f");
      }
      mix(hash, "\x1e");
      ++rows;
    }
    if (std::int64_t(page->rows.size()) < kPage) return hash;
  }
}

Result<std::vector<TableCopy>> copy_database(Database& source, Database& target, const std::vector<TableSpec>& tables,
                                             const CopyProgress& progress) {
  Result<Database::Lease> from = source.acquire();
  if (!from) return from.error();
  Result<Database::Lease> to = target.acquire();
  if (!to) return to.error();
  Result<int> source_version = schema_version(*from.value());
  Result<int> target_version = schema_version(*to.value());
  if (!source_version) return source_version.error();
  if (!target_version) return target_version.error();
  if (source_version.value() != target_version.value()) {
    return Error::conflict("the databases have different schema versions (" + std::to_string(source_version.value()) +
                           " and " + std::to_string(target_version.value()) + "); run the same alley on both");
  }
  for (const TableSpec& spec : tables) {
    Result<QueryResult> count = (*to.value()).query("SELECT COUNT(*) FROM " + spec.name);
    if (!count) return count.error();
    if (as_integer(count->rows[0][0]).value_or(0) > 0) {
      return Error::conflict("the target database is not empty (table " + spec.name +
                             " has rows); copy into a new, empty database");
    }
  }

  std::vector<TableCopy> report;
  if (Status snapshot = (*from.value()).begin_read(); !snapshot) return snapshot.error();
  Status copied = in_write_transaction(*to.value(), [&]() -> Status {
    for (const TableSpec& spec : tables) {
      TableCopy table{spec.name};
      std::int64_t rows = 0;
      if (Status done = copy_table(*from.value(), *to.value(), spec, progress, rows); !done) return done;
      std::int64_t source_rows = 0, target_rows = 0;
      Result<std::uint64_t> source_sum = table_checksum(*from.value(), spec, source_rows);
      if (!source_sum) return source_sum.error();
      Result<std::uint64_t> target_sum = table_checksum(*to.value(), spec, target_rows);
      if (!target_sum) return target_sum.error();
      table.rows = target_rows;
      table.source_checksum = source_sum.value();
      table.target_checksum = target_sum.value();
      if (source_rows != target_rows || table.source_checksum != table.target_checksum) {
        return Error::internal("verification failed for " + spec.name + ": " + std::to_string(source_rows) +
                               " rows read, " + std::to_string(target_rows) +
                               " rows written, checksums differ: nothing was kept");
      }
      report.push_back(table);
    }
    return ok_status();
  });
  (void)(*from.value()).rollback();  // end the read snapshot
  if (!copied) return copied.error();
  return report;
}

}  // namespace alley::store
