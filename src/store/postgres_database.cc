#include "store/postgres_database.h"

#include <libpq-fe.h>

#include <cstdio>
#include <unordered_map>

#include "store/number_text.h"

namespace alley::store {
namespace {

// Type OIDs from PostgreSQL's catalog (pg_type.dat); stable across versions.
constexpr Oid kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700, kBool = 16;

// An arbitrary constant shared by every Alley process: the write lock's key.
constexpr long long kWriteLockKey = 0x616C6C6579;  // "alley"

std::string first_line(const char* message) {
  std::string text = message ? message : "unknown error";
  const std::size_t newline = text.find('\n');
  if (newline != std::string::npos) text.resize(newline);
  return text;
}

Error result_error(PGconn* connection, PGresult* result, std::string_view context) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state ? state : "";
  std::string message =
      std::string(context) + ": " + first_line(result ? PQresultErrorMessage(result) : PQerrorMessage(connection));
  if (code == "23503") return Error::invalid("a record it refers to does not exist");
  if (code == "23505") return Error::conflict("a record with this id already exists");
  if (code == "40001" || code == "40P01" || code == "55P03")
    return Error::unavailable("the database is busy; try again");
  if (PQstatus(connection) != CONNECTION_OK || code.starts_with("08") || code == "57P01") {
    return Error::unavailable("the database connection was lost: " + message);
  }
  return Error::internal(message);
}

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(PGconn* connection) : connection_(connection) {}
  ~PostgresConnection() override { PQfinish(connection_); }

  Dialect dialect() const override { return Dialect::kPostgres; }
  bool healthy() const override { return PQstatus(connection_) == CONNECTION_OK; }

  Result<QueryResult> query(std::string_view sql, const std::vector<SqlValue>& params) override {
    Result<PGresult*> result = run(sql, params);
    if (!result) return result.error();
    PGresult* rows = result.value();
    QueryResult out;
    const int columns = PQnfields(rows);
    for (int c = 0; c < columns; ++c) out.columns.emplace_back(PQfname(rows, c));
    const int count = PQntuples(rows);
    out.rows.reserve(std::size_t(count));
    for (int r = 0; r < count; ++r) {
      Row row;
      row.values.reserve(std::size_t(columns));
      for (int c = 0; c < columns; ++c) row.values.push_back(read_value(rows, r, c));
      out.rows.push_back(std::move(row));
    }
    PQclear(rows);
    return out;
  }

  Result<std::int64_t> execute(std::string_view sql, const std::vector<SqlValue>& params) override {
    Result<PGresult*> result = run(sql, params);
    if (!result) return result.error();
    const char* affected = PQcmdTuples(result.value());
    const std::int64_t changed = affected && *affected ? std::stoll(affected) : 0;
    PQclear(result.value());
    return changed;
  }

  Status execute_script(std::string_view sql) override {
    PGresult* result = PQexec(connection_, std::string(sql).c_str());
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      Error error = result_error(connection_, result, "script failed");
      PQclear(result);
      return error;
    }
    PQclear(result);
    return ok_status();
  }

  Status begin_write() override {
    if (Status begun = execute_script("BEGIN"); !begun) return begun;
    Result<std::int64_t> locked = execute("SELECT pg_advisory_xact_lock(" + std::to_string(kWriteLockKey) + ")", {});
    if (!locked) {
      (void)execute_script("ROLLBACK");
      return locked.error();
    }
    return ok_status();
  }
  Status begin_read() override { return execute_script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
  Status commit() override { return execute_script("COMMIT"); }
  Status rollback() override { return execute_script("ROLLBACK"); }

 private:
  Result<PGresult*> run(std::string_view sql, const std::vector<SqlValue>& params) {
    auto prepared = statements_.find(std::string(sql));
    if (prepared == statements_.end()) {
      const std::string name = "alley_" + std::to_string(statements_.size() + 1);
      PGresult* result =
          PQprepare(connection_, name.c_str(), to_dollar_placeholders(sql).c_str(), int(params.size()), nullptr);
      if (PQresultStatus(result) != PGRES_COMMAND_OK) {
        Error error = result_error(connection_, result, "cannot prepare statement");
        PQclear(result);
        return error;
      }
      PQclear(result);
      prepared = statements_.emplace(std::string(sql), name).first;
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (const auto* integer = std::get_if<std::int64_t>(&params[i])) {
        texts[i] = std::to_string(*integer);
      } else if (const auto* real = std::get_if<double>(&params[i])) {
        texts[i] = real_to_text(*real);
      } else if (const auto* text = std::get_if<std::string>(&params[i])) {
        texts[i] = *text;
      } else {
        continue;  // NULL
      }
      values[i] = texts[i].c_str();
    }
    PGresult* result =
        PQexecPrepared(connection_, prepared->second.c_str(), int(params.size()), values.data(), nullptr, nullptr, 0);
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      Error error = result_error(connection_, result, "statement failed");
      PQclear(result);
      return error;
    }
    return result;
  }

  static SqlValue read_value(PGresult* rows, int r, int c) {
    if (PQgetisnull(rows, r, c)) return std::monostate{};
    const char* text = PQgetvalue(rows, r, c);
    switch (PQftype(rows, c)) {
      case kInt8:
      case kInt2:
      case kInt4:
        return integer_from_text(text);
      case kFloat4:
      case kFloat8:
      case kNumeric:
        return real_from_text(text);
      case kBool:
        return static_cast<std::int64_t>(text[0] == 't' ? 1 : 0);
      default:
        return std::string(text, std::size_t(PQgetlength(rows, r, c)));
    }
  }

  PGconn* connection_;
  std::unordered_map<std::string, std::string> statements_;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, std::size_t max_connections) : Database(max_connections), url_(std::move(url)) {}

  std::string describe() const override {
    // Never print a password that may be in the URL.
    const std::size_t at = url_.find('@');
    const std::size_t scheme_end = url_.find("://");
    if (at == std::string::npos || scheme_end == std::string::npos) return url_;
    return url_.substr(0, scheme_end + 3) + "…@" + url_.substr(at + 1);
  }

 protected:
  Result<std::unique_ptr<Connection>> connect() override {
    PGconn* connection = PQconnectdb(url_.c_str());
    if (PQstatus(connection) != CONNECTION_OK) {
      std::string message = first_line(PQerrorMessage(connection));
      PQfinish(connection);
      return Error::unavailable("cannot open database " + describe() + ": " + message);
    }
    // Notices ("already exists, skipping") are not errors; keep them off stderr.
    PQsetNoticeProcessor(
        connection, [](void*, const char*) {}, nullptr);
    auto wrapped = std::make_unique<PostgresConnection>(connection);
    // Plain text results and UTC, whatever the server's defaults.
    if (Status set = wrapped->execute_script("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; "
                                             "SET extra_float_digits = 3");
        !set) {
      return set.error();
    }
    return std::unique_ptr<Connection>(std::move(wrapped));
  }

 private:
  std::string url_;
};

}  // namespace

std::string to_dollar_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  bool in_literal = false;
  for (char c : sql) {
    if (c == '\'') in_literal = !in_literal;
    if (c == '?' && !in_literal) {
      out += '$' + std::to_string(next++);
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::shared_ptr<Database>> open_postgres(const std::string& url, std::size_t max_connections) {
  auto database = std::make_shared<PostgresDatabase>(url, max_connections);
  Result<Database::Lease> probe = database->acquire();
  if (!probe) return probe.error();
  return std::shared_ptr<Database>(database);
}

}  // namespace alley::store
