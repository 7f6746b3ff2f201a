#include "store/database.h"

#include "store/postgres_database.h"
#include "store/sqlite_database.h"

namespace alley::store {

Status in_write_transaction(Connection& connection, const std::function<Status()>& work) {
  if (Status begun = connection.begin_write(); !begun) return begun;
  try {
    Status result = work();
    if (!result) {
      (void)connection.rollback();
      return result;
    }
    return connection.commit();
  } catch (...) {
    (void)connection.rollback();
    throw;
  }
}

Result<Database::Url> Database::parse_url(std::string_view url) {
  if (url.empty()) return Error::invalid("the database URL is empty");
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return Url{"postgresql", std::string(url)};
  }
  std::string_view path = url;
  if (path.starts_with("sqlite://")) {
    path.remove_prefix(9);
  } else if (path.starts_with("sqlite:")) {
    path.remove_prefix(7);
  } else if (path.find("://") != std::string_view::npos) {
    return Error::invalid("unsupported database URL '" + std::string(url) +
                          "': use sqlite:PATH or postgresql://USER@HOST/NAME");
  }
  if (path.empty()) return Error::invalid("the database URL names no file: use sqlite:PATH");
  return Url{"sqlite", std::string(path)};
}

Result<std::shared_ptr<Database>> Database::open(std::string_view url, std::size_t max_connections,
                                                 std::shared_ptr<const Clock> clock) {
  Result<Url> parsed = parse_url(url);
  if (!parsed) return parsed.error();
  Result<std::shared_ptr<Database>> database = parsed->scheme == "postgresql"
                                                   ? open_postgres(parsed->target, max_connections)
                                                   : open_sqlite(parsed->target, max_connections);
  if (database) database.value()->clock_ = std::move(clock);
  return database;
}

Result<Database::Lease> Database::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || open_count_ < max_connections_; });
  if (!idle_.empty()) {
    std::unique_ptr<Connection> connection = std::move(idle_.back());
    idle_.pop_back();
    connection->set_clock(clock_);
    return Lease(this, std::move(connection));
  }
  ++open_count_;
  lock.unlock();
  Result<std::unique_ptr<Connection>> connection = connect();
  if (!connection) {
    std::lock_guard relock(mutex_);
    --open_count_;
    available_.notify_one();
    return connection.error();
  }
  connection.value()->set_clock(clock_);
  return Lease(this, std::move(connection.value()));
}

void Database::release(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  if (connection->healthy()) {
    idle_.push_back(std::move(connection));
  } else {
    --open_count_;  // a fresh one is opened when needed
  }
  available_.notify_one();
}

std::string as_text(const SqlValue& value, std::string fallback) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  return fallback;
}

std::optional<std::int64_t> as_integer(const SqlValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return *integer;
  if (const auto* real = std::get_if<double>(&value)) return static_cast<std::int64_t>(*real);
  return std::nullopt;
}

std::optional<double> as_real(const SqlValue& value) {
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer);
  return std::nullopt;
}

}  // namespace alley::store
