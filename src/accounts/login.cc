#include "accounts/login.h"

#include "accounts/credentials.h"
#include "accounts/registrations.h"
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

struct StoredCredentials {
  std::optional<std::string> hash;  // the user's
  // With no user of that name: the registration waiting under it, or refused.
  std::optional<RegistrationSignIn> registration;
};

// What the password is checked against, unless the account or the address is locked out.
Result<StoredCredentials> credentials_if_not_locked(store::Database& database, const std::string& username,
                                                    const std::string& address) {
  Result<store::Database::Lease> lease = database.acquire();
  if (!lease) return lease.error();
  if (Status allowed = within_failure_limits(*lease.value(), username, address); !allowed) return allowed.error();
  Result<std::optional<std::string>> hash = password_hash_of(*lease.value(), username);
  if (!hash) return hash.error();
  if (hash.value()) return StoredCredentials{hash.value(), std::nullopt};
  Result<std::optional<RegistrationSignIn>> registration = registration_for_sign_in(*lease.value(), username);
  if (!registration) return registration.error();
  return StoredCredentials{std::nullopt, registration.value()};
}

// Told only to whoever knows the registration's password.
Error registration_not_decided(const RegistrationSignIn& registration) {
  if (registration.status == "rejected") {
    return {ErrorCode::kForbidden,
            "your registration was not approved: " + registration.reason + " (注册申请未获通过：" +
                registration.reason + ")",
            {}};
  }
  return {ErrorCode::kForbidden,
          "your registration is awaiting approval by the district's staff; sign in once it is approved "
          "(注册申请正在等待街区工作人员审核，通过后即可登录)",
          {}};
}

Error wrong_credentials() { return {ErrorCode::kUnauthorized, "wrong user name or password (用户名或密码错误)", {}}; }

}  // namespace

Result<Session> log_in(store::Database& database, const std::string& username, const std::string& password,
                       const std::string& address) {
  // A locked account costs no password check at all.
  Result<StoredCredentials> stored = credentials_if_not_locked(database, username, address);
  if (!stored) return stored.error();
  const std::optional<std::string>& hash =
      stored->registration ? std::optional(stored->registration->password_hash) : stored->hash;
  // The slow part, with no transaction open and no connection held.
  Result<bool> password_ok = verify_password(password, hash);
  if (!password_ok) return password_ok.error();
  if (password_ok.value() && stored->registration) return registration_not_decided(*stored->registration);

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
