#include "store/database_copy.h"

#include <cstdio>

#include "store/migrations.h"
#include "store/number_text.h"

namespace alley::store {
namespace {

struct TableSpec {
  const char* name;
  const char* key;
  const char* self_reference;  // first column referring to the same table, or nullptr
  bool identity_key;           // PostgreSQL identity column that must be overridden and resynchronised
  const char* second_self_reference = nullptr;
};

// In foreign-key order.
const TableSpec kTables[] = {
    {"departments", "id", nullptr, false},      {"areas", "id", "parent_id", false},
    {"roads", "id", nullptr, false},            {"places", "id", nullptr, false},
    {"organizations", "id", nullptr, false},    {"spaces", "id", nullptr, false},
    {"plans", "id", "version_of", false},       {"tasks", "id", "parent_id", false, "maps_to_id"},
    {"kpis", "id", nullptr, false},             {"kpi_entries", "id", nullptr, false},
    {"policies", "id", nullptr, false},
    {"talents", "id", nullptr, false},          {"users", "id", nullptr, false},
    {"api_tokens", "id", nullptr, false},       {"pipeline_events", "id", nullptr, true},
    {"audit_log", "id", nullptr, true},         {"pack_info", "key", nullptr, false},
    {"policy_matches", "policy_id, organization_id", nullptr, false},
    {"notifications", "id", nullptr, true},
};

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

}  // namespace

std::vector<std::string> copied_tables() {
  std::vector<std::string> names;
  for (const TableSpec& spec : kTables) names.push_back(spec.name);
  return names;
}

namespace {

const TableSpec* spec_of(const std::string& table) {
  for (const TableSpec& spec : kTables) {
    if (table == spec.name) return &spec;
  }
  return nullptr;
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
    Result<QueryResult> page = from.query(std::string("SELECT * FROM ") + spec.name + " ORDER BY " + spec.key +
                                              " LIMIT ? OFFSET ?",
                                          {kPage, offset});
    if (!page) return page.error();
    if (columns.empty()) columns = page->columns;
    std::string column_list, placeholders;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      column_list += (i ? ", " : "") + columns[i];
      placeholders += i ? ", ?" : "?";
    }
    const std::string insert = std::string("INSERT INTO ") + spec.name + " (" + column_list + ")" +
                               (spec.identity_key && to.dialect() == Dialect::kPostgres ? " OVERRIDING SYSTEM VALUE" : "") +
                               " VALUES (" + placeholders + ")";
    if (spec.self_reference) {
      for (Row& row : page->rows) pending.push_back(std::move(row));
    } else {
      for (const Row& row : page->rows) {
        Result<std::int64_t> inserted = to.execute(insert, row.values);
        if (!inserted) return Error::internal(std::string("copying ") + spec.name + ": " + inserted.error().message);
        ++copied;
      }
      if (progress) progress(spec.name, copied);
    }
    if (std::int64_t(page->rows.size()) < kPage) {
      if (spec.self_reference && !pending.empty()) {
        const auto key = std::size_t(std::find(columns.begin(), columns.end(), spec.key) - columns.begin());
        std::vector<std::size_t> parents;
        for (const char* reference : {spec.self_reference, spec.second_self_reference}) {
          if (reference) parents.push_back(std::size_t(std::find(columns.begin(), columns.end(), reference) - columns.begin()));
        }
        for (const Row& row : parents_first(std::move(pending), key, parents)) {
          Result<std::int64_t> inserted = to.execute(insert, row.values);
          if (!inserted) return Error::internal(std::string("copying ") + spec.name + ": " + inserted.error().message);
          ++copied;
        }
        if (progress) progress(spec.name, copied);
      }
      break;
    }
  }
  if (spec.identity_key && to.dialect() == Dialect::kPostgres) {
    // New rows must not reuse the ids just copied.
    Result<QueryResult> synced = to.query(std::string("SELECT setval(pg_get_serial_sequence('") + spec.name +
                                          "', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM " + spec.name);
    if (!synced) return synced.error();
  }
  return ok_status();
}

}  // namespace

Result<std::uint64_t> table_checksum(Connection& connection, const std::string& table, std::int64_t& rows) {
  const TableSpec* spec = spec_of(table);
  if (!spec) return Error::invalid("unknown table " + table);
  std::uint64_t hash = 0xCBF29CE484222325ULL;
  rows = 0;
  for (std::int64_t offset = 0;; offset += kPage) {
    Result<QueryResult> page = connection.query(
        "SELECT * FROM " + table + " ORDER BY " + spec->key + " LIMIT ? OFFSET ?", {kPage, offset});
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

Result<std::vector<TableCopy>> copy_database(Database& source, Database& target, const CopyProgress& progress) {
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
  for (const TableSpec& spec : kTables) {
    Result<QueryResult> count = (*to.value()).query(std::string("SELECT COUNT(*) FROM ") + spec.name);
    if (!count) return count.error();
    if (as_integer(count->rows[0][0]).value_or(0) > 0) {
      return Error::conflict(std::string("the target database is not empty (table ") + spec.name +
                             " has rows); copy into a new, empty database");
    }
  }

  std::vector<TableCopy> report;
  if (Status snapshot = (*from.value()).begin_read(); !snapshot) return snapshot.error();
  Status copied = in_write_transaction(*to.value(), [&]() -> Status {
    for (const TableSpec& spec : kTables) {
      TableCopy table{spec.name};
      std::int64_t rows = 0;
      if (Status done = copy_table(*from.value(), *to.value(), spec, progress, rows); !done) return done;
      std::int64_t source_rows = 0, target_rows = 0;
      Result<std::uint64_t> source_sum = table_checksum(*from.value(), spec.name, source_rows);
      if (!source_sum) return source_sum.error();
      Result<std::uint64_t> target_sum = table_checksum(*to.value(), spec.name, target_rows);
      if (!target_sum) return target_sum.error();
      table.rows = target_rows;
      table.source_checksum = source_sum.value();
      table.target_checksum = target_sum.value();
      if (source_rows != target_rows || table.source_checksum != table.target_checksum) {
        return Error::internal(std::string("verification failed for ") + spec.name + ": " +
                               std::to_string(source_rows) + " rows read, " + std::to_string(target_rows) +
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
