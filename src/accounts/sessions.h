#pragma once
// Who is asking: browser sessions (a cookie plus a CSRF token for writes) and
// personal API tokens (Authorization: Bearer …) for scripts. Both are random
// secrets of which the database keeps only a hash, so a copy of the database
// does not let anyone in. Stored in the database, so every app server shares them.
//
// REQUIRES for writes: a write transaction.

#include <optional>
#include <string>
#include <vector>

#include "accounts/users.h"

namespace alley::accounts {

constexpr long long kSessionSeconds = 12 * 60 * 60;

struct Session {
  std::string token;       // the cookie value; never stored
  std::string csrf_token;  // sent back by the client in X-CSRF-Token on writes
  std::string expires_at;
  User user;
};

Result<Session> start_session(store::Connection& connection, const User& user);

struct Authenticated {
  User user;
  std::string csrf_token;  // empty for API tokens, which need no CSRF check
};

// The live, enabled user behind a session cookie; nullopt when unknown or expired.
Result<std::optional<Authenticated>> session_user(store::Connection& connection, const std::string& token);
Status end_session(store::Connection& connection, const std::string& token);

struct ApiToken {
  std::string id;
  std::string name;
  std::string created_at;
  std::string revoked_at;
};

// The token itself is returned once and never again.
Result<std::string> create_api_token(store::Connection& connection, const User& user, const std::string& name);
Result<std::optional<Authenticated>> token_user(store::Connection& connection, const std::string& token);
Result<std::vector<ApiToken>> list_api_tokens(store::Connection& connection, const User& user);
// NotFound unless the token is the user's own (admins may revoke any).
Status revoke_api_token(store::Connection& connection, const User& user, const std::string& token_id);

}  // namespace alley::accounts
