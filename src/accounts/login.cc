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

}  // namespace

Result<Session> log_in(store::Connection& connection, const std::string& username, const std::string& password,
                       const std::string& address) {
  const std::string since = utc_iso8601_in(-kFailureWindowSeconds);
  Result<std::int64_t> by_account = recent_failures(connection, "username", username, since);
  if (!by_account) return by_account.error();
  Result<std::int64_t> by_address = recent_failures(connection, "address", address, since);
  if (!by_address) return by_address.error();
  if (by_account.value() >= kAccountFailureLimit || by_address.value() >= kAddressFailureLimit) {
    return Error{ErrorCode::kTooManyRequests,
                 "too many failed sign-ins; wait 15 minutes and try again (登录失败次数过多，请15分钟后再试)",
                 {}};
  }
  Result<std::optional<std::string>> hash = password_hash_of(connection, username);
  if (!hash) return hash.error();
  // An unknown name costs the same time as a wrong password.
  static const std::string kDecoy = *hash_password("decoy-password-1");
  const bool password_ok = verify_password(password, hash.value().value_or(kDecoy)) && hash.value().has_value();
  Result<std::optional<User>> user = find_user(connection, username);
  if (!user) return user.error();
  if (!password_ok || !user.value() || user.value()->disabled) {
    Result<std::int64_t> recorded = connection.execute(
        "INSERT INTO login_failures (username, address, at) VALUES (?, ?, ?)", {username, address, utc_now_iso8601()});
    if (!recorded) return recorded.error();
    return Error{ErrorCode::kUnauthorized, "wrong user name or password (用户名或密码错误)", {}};
  }
  Result<std::int64_t> cleared = connection.execute("DELETE FROM login_failures WHERE username = ?", {username});
  if (!cleared) return cleared.error();
  return start_session(connection, *user.value());
}

}  // namespace alley::accounts
