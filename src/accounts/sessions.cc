#include "accounts/sessions.h"

#include "accounts/credentials.h"
#include "core/clock.h"
#include "core/ids.h"

namespace alley::accounts {
namespace {

Result<std::optional<Authenticated>> enabled_user(store::Connection& connection, const std::string& user_id,
                                                  std::string csrf_token) {
  Result<std::optional<User>> user = find_user_by_id(connection, user_id);
  if (!user) return user.error();
  if (!user.value() || user.value()->disabled) return std::optional<Authenticated>();
  return std::optional<Authenticated>(Authenticated{*user.value(), std::move(csrf_token)});
}

}  // namespace

Result<Session> start_session(store::Connection& connection, const User& user) {
  Session session{random_secret(), random_secret(), connection.clock().iso8601_in(kSessionSeconds), user};
  // Expired sessions are swept whenever a new one starts.
  Result<std::int64_t> swept =
      connection.execute("DELETE FROM sessions WHERE expires_at < ?", {connection.clock().now_iso8601()});
  if (!swept) return swept.error();
  Result<std::int64_t> inserted = connection.execute(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
      {secret_hash(session.token), user.id, session.csrf_token, connection.clock().now_iso8601(), session.expires_at});
  if (!inserted) return inserted.error();
  return session;
}

Result<std::optional<Authenticated>> session_user(store::Connection& connection, const std::string& token) {
  Result<store::QueryResult> rows =
      connection.query("SELECT user_id, csrf_token FROM sessions WHERE token_hash = ? AND expires_at > ?",
                       {secret_hash(token), connection.clock().now_iso8601()});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return std::optional<Authenticated>();
  return enabled_user(connection, store::as_text(rows->rows[0][0]), store::as_text(rows->rows[0][1]));
}

Status end_session(store::Connection& connection, const std::string& token) {
  Result<std::int64_t> ended = connection.execute("DELETE FROM sessions WHERE token_hash = ?", {secret_hash(token)});
  if (!ended) return ended.error();
  return ok_status();
}

Result<std::string> create_api_token(store::Connection& connection, const User& user, const std::string& name) {
  if (name.empty() || name.size() > 100) {
    return Error::invalid("a token needs a name of 1–100 characters", {{"name", "1–100 characters"}});
  }
  // The prefix lets secret scanners and people recognise an Alley token.
  const std::string token = "alley_" + random_secret();
  Result<std::int64_t> inserted =
      connection.execute("INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                         {new_id("token"), user.id, name, secret_hash(token), connection.clock().now_iso8601()});
  if (!inserted) return inserted.error();
  return token;
}

Result<std::optional<Authenticated>> token_user(store::Connection& connection, const std::string& token) {
  Result<store::QueryResult> rows = connection.query(
      "SELECT user_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL", {secret_hash(token)});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return std::optional<Authenticated>();
  return enabled_user(connection, store::as_text(rows->rows[0][0]), "");
}

Result<std::vector<ApiToken>> list_api_tokens(store::Connection& connection, const User& user) {
  Result<store::QueryResult> rows = connection.query(
      "SELECT id, name, created_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY created_at", {user.id});
  if (!rows) return rows.error();
  std::vector<ApiToken> tokens;
  for (const store::Row& row : rows->rows) {
    tokens.push_back({store::as_text(row[0]), store::as_text(row[1]), store::as_text(row[2]), store::as_text(row[3])});
  }
  return tokens;
}

Status revoke_api_token(store::Connection& connection, const User& user, const std::string& token_id) {
  Result<std::int64_t> revoked = connection.execute(
      user.is_admin() ? "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"
                      : "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND user_id = ?",
      user.is_admin() ? std::vector<store::SqlValue>{connection.clock().now_iso8601(), token_id}
                      : std::vector<store::SqlValue>{connection.clock().now_iso8601(), token_id, user.id});
  if (!revoked) return revoked.error();
  if (revoked.value() == 0) return Error::not_found("no active token of yours has this id");
  return ok_status();
}

}  // namespace alley::accounts
