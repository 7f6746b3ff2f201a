#pragma once
// The data-access layer: a small interface that the SQLite backend implements
// today and the PostgreSQL backend implements next. SQL is written once with
// `?` placeholders in the subset both dialects share; every value is bound,
// never spliced into the text.
//
// Threading: a Database is shared by all threads; a Connection belongs to one
// thread at a time (lease it with Database::acquire()).

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/error.h"

namespace alley::store {

using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;

struct Row {
  std::vector<SqlValue> values;
  const SqlValue& operator[](std::size_t i) const { return values[i]; }
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<Row> rows;
};

enum class Dialect { kSqlite, kPostgres };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // False once the connection is broken; the pool then drops it.
  virtual bool healthy() const { return true; }
  virtual Result<QueryResult> query(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
  // Returns the number of rows changed.
  virtual Result<std::int64_t> execute(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
  // Runs several statements with no parameters (migrations).
  virtual Status execute_script(std::string_view sql) = 0;
  // A write transaction: the backend takes its write lock at the start, so
  // read-then-write sequences inside it see no interleaved writer.
  virtual Status begin_write() = 0;
  // A read-only transaction that sees one consistent snapshot (for copies).
  virtual Status begin_read() = 0;
  virtual Status commit() = 0;
  virtual Status rollback() = 0;

  // The application's clock (core/clock.h), for every timestamp a write stores.
  const Clock& clock() const { return *clock_; }
  // Answers the clock it replaces, for whoever puts it back (a simulation run on a clock of its own).
  std::shared_ptr<const Clock> set_clock(std::shared_ptr<const Clock> clock) {
    std::swap(clock_, clock);
    return clock;
  }

 private:
  std::shared_ptr<const Clock> clock_ = system_clock();
};

// Runs `work` inside a write transaction; commits when it returns an ok
// Status, rolls back otherwise (and on exceptions).
Status in_write_transaction(Connection& connection, const std::function<Status()>& work);

class Database {
 public:
  struct Url {
    std::string scheme;  // "sqlite" or "postgresql"
    std::string target;  // file path, or the whole postgresql:// URL
  };
  // "sqlite:PATH", "sqlite://PATH" or a bare path; "postgresql://…".
  static Result<Url> parse_url(std::string_view url);

  // Opens (creating an SQLite file if needed) and checks that it works. Its
  // connections read the time from `clock`.
  static Result<std::shared_ptr<Database>> open(std::string_view url, std::size_t max_connections = 8,
                                                std::shared_ptr<const Clock> clock = system_clock());

  virtual ~Database() = default;
  virtual std::string describe() const = 0;

  class Lease {
   public:
    Lease(Database* owner, std::unique_ptr<Connection> connection)
        : owner_(owner), connection_(std::move(connection)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (connection_) owner_->release(std::move(connection_));
    }
    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }

   private:
    Database* owner_;
    std::unique_ptr<Connection> connection_;
  };

  // Blocks while all connections are leased.
  Result<Lease> acquire();

 protected:
  explicit Database(std::size_t max_connections) : max_connections_(max_connections) {}
  virtual Result<std::unique_ptr<Connection>> connect() = 0;

 private:
  void release(std::unique_ptr<Connection> connection);

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_count_ = 0;
  std::size_t max_connections_;
  std::shared_ptr<const Clock> clock_ = system_clock();
};

// Typed reads of a column value; a NULL or another type gives the fallback.
std::string as_text(const SqlValue& value, std::string fallback = {});
std::optional<std::int64_t> as_integer(const SqlValue& value);
std::optional<double> as_real(const SqlValue& value);
inline bool is_null(const SqlValue& value) { return std::holds_alternative<std::monostate>(value); }

}  // namespace alley::store
