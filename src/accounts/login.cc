#include "accounts/login.h"

#include "accounts/credentials.h"
#include "core/clock.h"

namespace alley::accounts {
namespace {

Result<std::int64_t> recent_failures(store::Connection& connection, const char* column, const std::string& value,
                                     const std::string& since) {
  Result<store::QueryResult> rows = connection.query(
      std::string("SELECT COUNT(*) FROM login_failures WHERE ") + column + " = ? AND at > ?", {value, since});
  if (!rows) return rows.error();
  return store::as_integer(rows->rows[0][0]).value_or(0);
}

// TooManyRequests when the account or the address has failed too often lately.
Status within_failure_limits(store::Connection& connection, const std::string& username, const std::string& address) {
  const std::string since = connection.clock().iso8601_in(-kFailureWindowSeconds);
  Result<std::int64_t> by_account = recent_failures(connection, "username", username, since);
  if (!by_account) return by_account.error();
  Result<std::int64_t> by_address = recent_failures(connection, "address", address, since);
  if (!by_address) return by_address.error();
  if (by_account.value() >= kAccountFailureLimit || by_address.value() >= kAddressFailureLimit) {
    return Error{ErrorCode::kTooManyRequests,
                 "too many failed sign-ins; wait 15 minutes and try again (登录失败次数过多，请15分钟后再试)",
                 {}};
  }
  return ok_status();
}

// The stored password hash, unless the account or the address is locked out.
Result<std::optional<std::string>> hash_if_not_locked(store::Database& database, const std::string& username,
                                                      const std::string& address) {
  Result<store::Database::Lease> lease = database.acquire();
  if (!lease) return lease.error();
  if (Status allowed = within_failure_limits(*lease.value(), username, address); !allowed) return allowed.error();
  return password_hash_of(*lease.value(), username);
}

Error wrong_credentials() { return {ErrorCode::kUnauthorized, "wrong user name or password (用户名或密码错误)", {}}; }

}  // namespace

Result<Session> log_in(store::Database& database, const std::string& username, const std::string& password,
                       const std::string& address) {
  // A locked account costs no password check at all.
  Result<std::optional<std::string>> hash = hash_if_not_locked(database, username, address);
  if (!hash) return hash.error();
  // The slow part, with no transaction open and no connection held.
  Result<bool> password_ok = verify_password(password, hash.value());
  if (!password_ok) return password_ok.error();

  Result<store::Database::Lease> lease = database.acquire();
  if (!lease) return lease.error();
  store::Connection& connection = *lease.value();
  std::optional<Result<Session>> outcome;
  Status written = store::in_write_transaction(connection, [&]() -> Status {
    // Read under the write lock: the user may have been disabled meanwhile.
    Result<std::optional<User>> user = find_user(connection, username);
    if (!user) return user.error();
    if (!password_ok.value() || !user.value() || user.value()->disabled) {
      Result<std::int64_t> recorded =
          connection.execute("INSERT INTO login_failures (username, address, at) VALUES (?, ?, ?)",
                             {username, address, connection.clock().now_iso8601()});
      if (!recorded) return recorded.error();
      outcome = wrong_credentials();
      return ok_status();
    }
    // Checked again where writes are serialised: guesses checked at the same
    // time as this one may have used up the limit since the first look.
    if (Status allowed = within_failure_limits(connection, username, address); !allowed) {
      outcome = allowed.error();
      return ok_status();
    }
    Result<std::int64_t> cleared = connection.execute("DELETE FROM login_failures WHERE username = ?", {username});
    if (!cleared) return cleared.error();
    Result<Session> session = start_session(connection, *user.value());
    if (!session) return session.error();
    outcome = std::move(session);
    return ok_status();
  });
  if (!written) return written.error();
  return std::move(*outcome);
}

}  // namespace alley::accounts
