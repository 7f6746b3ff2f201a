#include "accounts/users.h"

#include <nlohmann/json.hpp>

#include "accounts/credentials.h"
#include "accounts/password_policy.h"
#include "core/clock.h"
#include "core/ids.h"

namespace alley::accounts {
namespace {

const std::string kSelectUsers = "SELECT id, username, role, department_id, org_id, disabled FROM users";

User row_to_user(const store::Row& row) {
  // Roles are written only by create_user, which checks them.
  return {store::as_text(row[0]),
          store::as_text(row[1]),
          access::parse_role(store::as_text(row[2])).value_or(access::Role::kEnterprise),
          store::as_text(row[3]),
          store::as_text(row[4]),
          store::as_integer(row[5]).value_or(0) != 0};
}

Result<std::optional<User>> find_one(store::Connection& connection, const std::string& column,
                                     const std::string& value) {
  Result<store::QueryResult> rows = connection.query(kSelectUsers + " WHERE " + column + " = ?", {value});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return std::optional<User>();
  return std::optional<User>(row_to_user(rows->rows[0]));
}

Status must_exist(store::Connection& connection, const char* table, const std::string& id, const char* field,
                  const char* extra_condition, std::vector<FieldError>& errors) {
  Result<store::QueryResult> rows = connection.query(
      std::string("SELECT COUNT(*) FROM ") + table + " WHERE id = ? AND deleted_at IS NULL" + extra_condition, {id});
  if (!rows) return rows.error();
  if (store::as_integer(rows->rows[0][0]).value_or(0) == 0) {
    errors.push_back({field, "no matching record has the id '" + id + "'", "所选记录不存在"});
  }
  return ok_status();
}

Status end_sessions(store::Connection& connection, const std::string& user_id) {
  Result<std::int64_t> ended = connection.execute("DELETE FROM sessions WHERE user_id = ?", {user_id});
  if (!ended) return ended.error();
  return ok_status();
}

}  // namespace

std::optional<std::string> username_problem(std::string_view username) {
  if (is_valid_id(username) && username.size() <= 40) return std::nullopt;
  return "use 1–40 characters of a–z, 0–9, '-' or '_'";
}

Result<User> create_user(store::Connection& connection, const NewUser& input) {
  std::vector<FieldError> errors;
  if (auto problem = username_problem(input.username)) errors.push_back({"username", *problem, kUsernameRuleZh});
  if (!access::parse_role(input.role)) {
    errors.push_back({"role", "must be one of: admin, department, subdistrict, enterprise", "请选择角色"});
  }
  const bool staff = input.role == "department" || input.role == "subdistrict";
  if (staff && input.department_id.empty())
    errors.push_back({"department_id", "a " + input.role + " user needs one", "此角色须选择所属部门"});
  if (!staff && !input.department_id.empty())
    errors.push_back(
        {"department_id", "only department and sub-district staff have one", "只有部门和街镇工作人员有所属部门"});
  if (input.role == "enterprise" && input.org_id.empty())
    errors.push_back({"org_id", "an enterprise user needs one", "企业用户须选择所属组织"});
  if (input.role != "enterprise" && !input.org_id.empty())
    errors.push_back({"org_id", "only enterprise users have one", "只有企业用户有所属组织"});
  if (staff && !input.department_id.empty()) {
    const char* kind = input.role == "subdistrict" ? " AND kind = 'subdistrict'" : " AND kind <> 'subdistrict'";
    if (Status checked = must_exist(connection, "departments", input.department_id, "department_id", kind, errors);
        !checked) {
      return checked.error();
    }
  }
  if (!input.org_id.empty()) {
    if (Status checked = must_exist(connection, "organizations", input.org_id, "org_id", "", errors); !checked) {
      return checked.error();
    }
  }
  if (!input.password_checked_when_hashed) {
    if (auto problem = password_problem(input.password, input.username)) errors.push_back({"password", *problem});
  }
  if (!errors.empty()) return Error::invalid("the user cannot be created", std::move(errors));

  Result<std::optional<User>> existing = find_user(connection, input.username);
  if (!existing) return existing.error();
  if (existing.value()) {
    return Error{ErrorCode::kConflict, "the user name '" + input.username + "' is taken", {{"username", "is taken"}}};
  }
  if (input.password_hash.empty()) return Error::internal("create_user was called without the password's hash");
  User user{new_id("user"), input.username, *access::parse_role(input.role), input.department_id, input.org_id, false};
  const std::string now = connection.clock().now_iso8601();
  auto optional_text = [](const std::string& text) { return text.empty() ? store::SqlValue() : store::SqlValue(text); };
  Result<std::int64_t> inserted = connection.execute(
      "INSERT INTO users (id, username, password_hash, role, department_id, org_id, disabled, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
      {user.id, user.username, input.password_hash, std::string(access::role_name(user.role)),
       optional_text(user.department_id), optional_text(user.org_id), now, now});
  if (!inserted) return inserted.error();
  return user;
}

Result<std::optional<User>> find_user(store::Connection& connection, const std::string& username) {
  return find_one(connection, "username", username);
}

Result<std::optional<User>> find_user_by_id(store::Connection& connection, const std::string& id) {
  return find_one(connection, "id", id);
}

Result<std::vector<User>> list_users(store::Connection& connection) {
  Result<store::QueryResult> rows = connection.query(kSelectUsers + " ORDER BY username");
  if (!rows) return rows.error();
  std::vector<User> users;
  for (const store::Row& row : rows->rows) users.push_back(row_to_user(row));
  return users;
}

Result<std::int64_t> count_users(store::Connection& connection) {
  Result<store::QueryResult> rows = connection.query("SELECT COUNT(*) FROM users");
  if (!rows) return rows.error();
  return store::as_integer(rows->rows[0][0]).value_or(0);
}

Result<std::optional<std::string>> password_hash_of(store::Connection& connection, const std::string& username) {
  Result<store::QueryResult> rows = connection.query("SELECT password_hash FROM users WHERE username = ?", {username});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(store::as_text(rows->rows[0][0]));
}

Result<std::string> password_hash_for(std::string_view password, std::string_view username) {
  if (password_problem(password, username)) return std::string();
  return hash_password(password);
}

Status set_password(store::Connection& connection, const std::string& username, const std::string& password,
                    const std::string& hash) {
  Result<std::optional<User>> user = find_user(connection, username);
  if (!user) return user.error();
  if (!user.value()) return Error::not_found("there is no user '" + username + "'");
  if (auto problem = password_problem(password, username)) return Error::invalid(*problem, {{"password", *problem}});
  if (hash.empty()) return Error::internal("set_password was called without the password's hash");
  Result<std::int64_t> changed = connection.execute("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                                                    {hash, connection.clock().now_iso8601(), user.value()->id});
  if (!changed) return changed.error();
  return end_sessions(connection, user.value()->id);
}

Status set_disabled(store::Connection& connection, const std::string& username, bool disabled) {
  Result<std::optional<User>> user = find_user(connection, username);
  if (!user) return user.error();
  if (!user.value()) return Error::not_found("there is no user '" + username + "'");
  Result<std::int64_t> changed =
      connection.execute("UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?",
                         {std::int64_t{disabled ? 1 : 0}, connection.clock().now_iso8601(), user.value()->id});
  if (!changed) return changed.error();
  return disabled ? end_sessions(connection, user.value()->id) : ok_status();
}

Json user_json(const User& user) {
  Json json = {{"id", user.id}, {"username", user.username}, {"role", access::role_name(user.role)}};
  if (!user.department_id.empty()) json["department_id"] = user.department_id;
  if (!user.org_id.empty()) json["org_id"] = user.org_id;
  json["disabled"] = user.disabled;
  return json;
}

}  // namespace alley::accounts
