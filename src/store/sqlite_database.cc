#include "store/sqlite_database.h"

#include <sqlite3.h>

#include <chrono>
#include <unordered_map>

#include "store/writer_queue.h"

namespace alley::store {
namespace {

// How long a writer waits for another: in SQLite's busy handler (other
// processes) and in the process's own queue of writers alike.
constexpr std::chrono::milliseconds kBusyTimeout{10000};

Error sqlite_error(sqlite3* handle, int code, std::string_view context) {
  const int extended = handle ? sqlite3_extended_errcode(handle) : code;
  std::string message = std::string(context) + ": " + (handle ? sqlite3_errmsg(handle) : sqlite3_errstr(code));
  switch (extended) {
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Error::invalid("a record it refers to does not exist");
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_UNIQUE:
      return Error::conflict("a record with this id already exists");
    default:
      break;
  }
  if ((code & 0xFF) == SQLITE_BUSY || (code & 0xFF) == SQLITE_LOCKED) {
    return Error::unavailable("the database is busy; try again");
  }
  return Error::internal(message);
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(sqlite3* handle, std::shared_ptr<WriterQueue> writers)
      : handle_(handle), writers_(std::move(writers)) {}
  ~SqliteConnection() override {
    if (writing_) {
      (void)simple("ROLLBACK");
      writers_->leave();
    }
    for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close_v2(handle_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<QueryResult> query(std::string_view sql, const std::vector<SqlValue>& params) override {
    Result<sqlite3_stmt*> prepared = prepare(sql, params);
    if (!prepared) return prepared.error();
    sqlite3_stmt* statement = prepared.value();
    QueryResult result;
    const int column_count = sqlite3_column_count(statement);
    for (int i = 0; i < column_count; ++i) result.columns.emplace_back(sqlite3_column_name(statement, i));
    while (true) {
      const int code = sqlite3_step(statement);
      if (code == SQLITE_DONE) break;
      if (code != SQLITE_ROW) {
        Error error = sqlite_error(handle_, code, "query failed");
        sqlite3_reset(statement);
        return error;
      }
      Row row;
      row.values.reserve(column_count);
      for (int i = 0; i < column_count; ++i) row.values.push_back(read_column(statement, i));
      result.rows.push_back(std::move(row));
    }
    sqlite3_reset(statement);
    return result;
  }

  Result<std::int64_t> execute(std::string_view sql, const std::vector<SqlValue>& params) override {
    Result<sqlite3_stmt*> prepared = prepare(sql, params);
    if (!prepared) return prepared.error();
    sqlite3_stmt* statement = prepared.value();
    int code;
    while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
    }
    sqlite3_reset(statement);
    if (code != SQLITE_DONE) return sqlite_error(handle_, code, "statement failed");
    return static_cast<std::int64_t>(sqlite3_changes(handle_));
  }

  Status execute_script(std::string_view sql) override {
    char* message = nullptr;
    const int code = sqlite3_exec(handle_, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (code != SQLITE_OK) {
      std::string text = message ? message : sqlite3_errstr(code);
      sqlite3_free(message);
      return Error::internal("script failed: " + text);
    }
    return ok_status();
  }

  Status begin_write() override {
    // A second BEGIN on this connection must fail as SQLite says, not wait for itself.
    if (writing_) return simple("BEGIN IMMEDIATE");
    if (!writers_->enter(kBusyTimeout)) return Error::unavailable("the database is busy; try again");
    Status begun = simple("BEGIN IMMEDIATE");
    if (begun) {
      writing_ = true;
    } else {
      writers_->leave();
    }
    return begun;
  }
  Status begin_read() override {
    // In WAL mode the snapshot is fixed by the first read inside BEGIN.
    if (Status begun = simple("BEGIN"); !begun) return begun;
    return simple("SELECT COUNT(*) FROM sqlite_master");
  }
  Status commit() override {
    Status committed = simple("COMMIT");
    // A commit SQLite refused leaves the transaction open: it is undone, so the
    // connection goes back to the pool clean and the caller hears of the failure.
    if (!committed && !sqlite3_get_autocommit(handle_)) (void)simple("ROLLBACK");
    finish_write();
    return committed;
  }
  Status rollback() override {
    Status rolled_back = simple("ROLLBACK");
    finish_write();
    return rolled_back;
  }

 private:
  Status simple(const char* sql) {
    Result<std::int64_t> done = execute(sql, {});
    if (!done) return done.error();
    return ok_status();
  }

  Result<sqlite3_stmt*> prepare(std::string_view sql, const std::vector<SqlValue>& params) {
    sqlite3_stmt* statement = nullptr;
    auto cached = statements_.find(std::string(sql));
    if (cached != statements_.end()) {
      statement = cached->second;
    } else {
      const int code =
          sqlite3_prepare_v3(handle_, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
      if (code != SQLITE_OK) return sqlite_error(handle_, code, "cannot prepare statement");
      statements_.emplace(std::string(sql), statement);
    }
    sqlite3_clear_bindings(statement);
    if (int(params.size()) != sqlite3_bind_parameter_count(statement)) {
      return Error::internal("statement expects " + std::to_string(sqlite3_bind_parameter_count(statement)) +
                             " parameters, got " + std::to_string(params.size()));
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int index = int(i) + 1;
      const SqlValue& value = params[i];
      int code = SQLITE_OK;
      if (const auto* integer = std::get_if<std::int64_t>(&value)) {
        code = sqlite3_bind_int64(statement, index, *integer);
      } else if (const auto* real = std::get_if<double>(&value)) {
        code = sqlite3_bind_double(statement, index, *real);
      } else if (const auto* text = std::get_if<std::string>(&value)) {
        code = sqlite3_bind_text(statement, index, text->data(), int(text->size()), SQLITE_TRANSIENT);
      } else {
        code = sqlite3_bind_null(statement, index);
      }
      if (code != SQLITE_OK) return sqlite_error(handle_, code, "cannot bind parameter");
    }
    return statement;
  }

  static SqlValue read_column(sqlite3_stmt* statement, int i) {
    switch (sqlite3_column_type(statement, i)) {
      case SQLITE_INTEGER:
        return static_cast<std::int64_t>(sqlite3_column_int64(statement, i));
      case SQLITE_FLOAT:
        return sqlite3_column_double(statement, i);
      case SQLITE_NULL:
        return std::monostate{};
      default: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
        return std::string(text, std::size_t(sqlite3_column_bytes(statement, i)));
      }
    }
  }

  void finish_write() {
    if (!writing_) return;
    writing_ = false;
    writers_->leave();
  }

  sqlite3* handle_;
  std::shared_ptr<WriterQueue> writers_;
  bool writing_ = false;  // holds the process's writer turn
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, std::size_t max_connections) : Database(max_connections), path_(std::move(path)) {}

  std::string describe() const override { return "sqlite:" + path_; }

 protected:
  Result<std::unique_ptr<Connection>> connect() override {
    sqlite3* handle = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int code = sqlite3_open_v2(path_.c_str(), &handle, flags, nullptr);
    if (code != SQLITE_OK) {
      std::string message = handle ? sqlite3_errmsg(handle) : sqlite3_errstr(code);
      sqlite3_close_v2(handle);
      return Error::unavailable("cannot open database " + describe() + ": " + message);
    }
    sqlite3_busy_timeout(handle, int(kBusyTimeout.count()));
    auto connection = std::make_unique<SqliteConnection>(handle, writers_);
    // FULL sync: a commit that returned is on disk, even across a power cut.
    Status configured =
        connection->execute_script("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
    if (!configured) {
      return Error::unavailable("cannot open database " + describe() + ": " + configured.error().message);
    }
    return std::unique_ptr<Connection>(std::move(connection));
  }

 private:
  std::string path_;
  std::shared_ptr<WriterQueue> writers_ = std::make_shared<WriterQueue>();
};

}  // namespace

Result<std::shared_ptr<Database>> open_sqlite(const std::string& path, std::size_t max_connections) {
  auto database = std::make_shared<SqliteDatabase>(path, max_connections);
  Result<Database::Lease> probe = database->acquire();  // fail now, not on the first request
  if (!probe) return probe.error();
  return std::shared_ptr<Database>(database);
}

}  // namespace alley::store
