#pragma once
// Users and their roles. A role says what a user may do (docs/SECURITY.md);
// department and sub-district staff belong to one department, an enterprise
// user to one organization.
//
// REQUIRES for writes: a write transaction.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/user.h"
#include "core/json.h"
#include "store/database.h"

namespace alley::accounts {

using access::User;

struct NewUser {
  std::string username;
  std::string role;  // as given; create_user says when it is not one of access::role_names()
  std::string department_id;
  std::string org_id;
  std::string password;
  std::string password_hash;  // of `password`, from password_hash_for; empty when it breaks the policy
  // A registration's password met the policy when it was hashed, and only its hash is kept.
  bool password_checked_when_hashed = false;
};

inline constexpr const char* kUsernameRuleZh = "用户名为1至40个字符，只可使用小写字母、数字、“-”或“_”";

// nullopt for a name a user may have; otherwise the rule it breaks.
std::optional<std::string> username_problem(std::string_view username);

// The hash to store for a new password, made before the write transaction
// opens: argon2id takes tens of milliseconds on purpose, and no write lock
// may wait for it (it holds a hashing slot meanwhile). Empty when the
// password breaks the policy, which the write then reports with the rest.
Result<std::string> password_hash_for(std::string_view password, std::string_view username);

// Invalid (with the field at fault) for a bad name, role, scope or password;
// Conflict when the name is taken. REQUIRES: `user.password_hash` from
// password_hash_for(user.password, user.username).
Result<User> create_user(store::Connection& connection, const NewUser& user);

Result<std::optional<User>> find_user(store::Connection& connection, const std::string& username);
Result<std::optional<User>> find_user_by_id(store::Connection& connection, const std::string& id);
Result<std::vector<User>> list_users(store::Connection& connection);
Result<std::int64_t> count_users(store::Connection& connection);

// The stored hash, for login; nullopt for an unknown user.
Result<std::optional<std::string>> password_hash_of(store::Connection& connection, const std::string& username);

// Invalid when the password breaks the policy. Ends the user's sessions.
// REQUIRES: `hash` from password_hash_for(password, username).
Status set_password(store::Connection& connection, const std::string& username, const std::string& password,
                    const std::string& hash);

// A disabled user can no longer sign in; their sessions end and tokens stop working.
Status set_disabled(store::Connection& connection, const std::string& username, bool disabled);

Json user_json(const User& user);

}  // namespace alley::accounts
