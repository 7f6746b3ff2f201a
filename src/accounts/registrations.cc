#include "accounts/registrations.h"

#include <nlohmann/json.hpp>
#include <regex>

#include "accounts/password_policy.h"
#include "core/ids.h"
#include "core/utf8.h"

namespace alley::accounts {
namespace {

constexpr std::size_t kContactNameLength = 40;
constexpr std::size_t kNoteLength = 500;
constexpr std::size_t kReasonLength = 500;

const std::string kSelectRegistrations =
    "SELECT r.id, r.status, r.username, r.uscc, r.org_id, o.name, r.contact_name, r.contact_phone, r.note, "
    "r.created_at, r.decided_at, r.decided_by, r.reason, r.user_id FROM registrations r "
    "LEFT JOIN organizations o ON o.id = r.org_id";

Registration row_to_registration(const store::Row& row) {
  Registration read;
  std::string* columns[] = {&read.id,         &read.status,       &read.username,      &read.uscc,   &read.org_id,
                            &read.org_name,   &read.contact_name, &read.contact_phone, &read.note,   &read.created_at,
                            &read.decided_at, &read.decided_by,   &read.reason,        &read.user_id};
  for (std::size_t i = 0; i < std::size(columns); ++i) *columns[i] = store::as_text(row[i]);
  return read;
}

std::string without_spaces(std::string_view text) {
  std::string kept;
  for (char c : text) {
    if (c != ' ' && c != '\t') kept += c;
  }
  return kept;
}

std::string upper_ascii(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

// A mainland mobile number, or a landline with an optional area code and extension.
bool is_telephone(const std::string& phone) {
  static const std::regex kMobile("1[3-9][0-9]{9}");
  static const std::regex kLandline("(0[0-9]{2,3}-?)?[0-9]{7,8}(-[0-9]{1,6})?");
  return std::regex_match(phone, kMobile) || std::regex_match(phone, kLandline);
}

Result<std::int64_t> count_of(store::Connection& connection, const std::string& sql,
                              const std::vector<store::SqlValue>& params) {
  Result<store::QueryResult> rows = connection.query(sql, params);
  if (!rows) return rows.error();
  return store::as_integer(rows->rows[0][0]).value_or(0);
}

Status within_hourly_limit(store::Connection& connection, const std::string& address) {
  Result<std::int64_t> recent =
      count_of(connection, "SELECT COUNT(*) FROM registrations WHERE address = ? AND created_at > ?",
               {address, connection.clock().iso8601_in(-3600)});
  if (!recent) return recent.error();
  if (recent.value() >= kRegistrationsPerAddressPerHour) {
    return Error{ErrorCode::kTooManyRequests,
                 "too many registrations from this address; try again in an hour (注册申请过于频繁，请一小时后再试)",
                 {}};
  }
  return ok_status();
}

// The organization whose code this is, as {id, name}; nullopt when none has it.
Result<std::optional<std::pair<std::string, std::string>>> organization_with_code(store::Connection& connection,
                                                                                  const std::string& uscc) {
  Result<store::QueryResult> rows =
      connection.query("SELECT id, name FROM organizations WHERE uscc = ? AND deleted_at IS NULL", {uscc});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return std::optional<std::pair<std::string, std::string>>();
  return std::optional(std::pair(store::as_text(rows->rows[0][0]), store::as_text(rows->rows[0][1])));
}

// Conflict when a user or a waiting request already has the name.
Status name_is_free(store::Connection& connection, const std::string& username) {
  Result<std::optional<User>> user = find_user(connection, username);
  if (!user) return user.error();
  Result<std::int64_t> waiting =
      count_of(connection, "SELECT COUNT(*) FROM registrations WHERE username = ? AND status = 'pending'", {username});
  if (!waiting) return waiting.error();
  if (user.value() || waiting.value() > 0) {
    return Error{ErrorCode::kConflict,
                 "the user name '" + username + "' is taken",
                 {{"username", "is taken; choose another", "该用户名已被使用，请另选一个"}}};
  }
  return ok_status();
}

std::vector<FieldError> request_problems(const RegistrationRequest& request, const std::string& phone) {
  std::vector<FieldError> errors;
  if (auto problem = username_problem(request.username)) errors.push_back({"username", *problem, kUsernameRuleZh});
  if (auto problem = password_problem(request.password, request.username)) errors.push_back({"password", *problem});
  if (request.uscc.empty())
    errors.push_back({"uscc", "give the organization's 统一社会信用代码", "请填写企业的统一社会信用代码"});
  const std::size_t name_length = utf8_length(request.contact_name);
  if (name_length == 0 || name_length > kContactNameLength) {
    errors.push_back(
        {"contact_name", "give the applicant's name, at most 40 characters", "请填写联系人姓名，不超过40个字"});
  }
  if (!is_telephone(phone)) {
    errors.push_back({"contact_phone", "give a mobile number (11 digits) or a landline such as 021-12345678",
                      "请填写11位手机号码或座机号码，如 021-12345678"});
  }
  if (utf8_length(request.note) > kNoteLength) errors.push_back({"note", "at most 500 characters", "不超过500个字"});
  return errors;
}

Result<Registration> registration_by_id(store::Connection& connection, const std::string& id) {
  Result<std::optional<Registration>> found = find_registration(connection, id);
  if (!found) return found.error();
  if (!found.value()) return Error::not_found("no registration has this id");
  return std::move(*found.value());
}

Status must_be_pending(const Registration& registration) {
  if (registration.status == "pending") return ok_status();
  return Error::conflict("the registration was already " + registration.status + " on " +
                         registration.decided_at.substr(0, 10) + " by " + registration.decided_by);
}

// A decision keeps what the account or the refusal needs, and erases the
// applicant's contact details and address.
Status record_decision(store::Connection& connection, const std::string& id, const std::string& status,
                       const std::string& actor, const std::string& reason, const std::string& user_id) {
  auto optional_text = [](const std::string& text) { return text.empty() ? store::SqlValue() : store::SqlValue(text); };
  Result<std::int64_t> updated = connection.execute(
      "UPDATE registrations SET status = ?, decided_at = ?, decided_by = ?, reason = ?, user_id = ?, "
      "contact_name = NULL, contact_phone = NULL, address = NULL WHERE id = ? AND status = 'pending'",
      {status, connection.clock().now_iso8601(), actor, optional_text(reason), optional_text(user_id), id});
  if (!updated) return updated.error();
  if (updated.value() != 1) return Error::conflict("the registration was decided meanwhile");
  return ok_status();
}

std::string masked_name(const std::string& name) {
  if (name.empty()) return name;
  // The bytes of the first character, from its lead byte (the text is valid UTF-8).
  const auto lead = static_cast<unsigned char>(name[0]);
  const std::size_t first = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  return name.substr(0, first) + std::string(std::max<std::size_t>(1, utf8_length(name) - 1), '*');
}

std::string masked_phone(const std::string& phone) {
  if (phone.size() <= 4) return std::string(phone.size(), '*');
  const std::size_t shown_front = phone.size() == 11 && phone[0] == '1' ? 3 : 0;
  return phone.substr(0, shown_front) + std::string(phone.size() - shown_front - 4, '*') +
         phone.substr(phone.size() - 4);
}

}  // namespace

Result<Registration> submit_registration(store::Connection& connection, const RegistrationRequest& request) {
  const std::string phone = without_spaces(request.contact_phone);
  const std::string uscc = upper_ascii(without_spaces(request.uscc));
  std::vector<FieldError> errors = request_problems(request, phone);
  std::optional<std::pair<std::string, std::string>> organization;
  if (!uscc.empty()) {
    Result<std::optional<std::pair<std::string, std::string>>> found = organization_with_code(connection, uscc);
    if (!found) return found.error();
    organization = found.value();
    if (!organization) {
      errors.push_back(
          {"uscc",
           "no organization in the registry has this 统一社会信用代码; check it against the business "
           "licence, or ask the district's enterprise service centre to add the enterprise",
           "街区名录中没有统一社会信用代码为该值的企业；请对照营业执照核对，或联系区企业服务中心登记企业"});
    }
  }
  if (!errors.empty()) return Error::invalid("the registration cannot be accepted", std::move(errors));
  if (Status limited = within_hourly_limit(connection, request.address); !limited) return limited.error();
  if (Status free = name_is_free(connection, request.username); !free) return free.error();
  if (request.password_hash.empty())
    return Error::internal("submit_registration was called without the password's hash");

  Registration made;
  made.id = new_id("registration");
  made.status = "pending";
  made.username = request.username;
  made.uscc = uscc;
  made.org_id = organization->first;
  made.org_name = organization->second;
  made.contact_name = request.contact_name;
  made.contact_phone = phone;
  made.note = request.note;
  made.created_at = connection.clock().now_iso8601();
  Result<std::int64_t> inserted = connection.execute(
      "INSERT INTO registrations (id, username, password_hash, uscc, org_id, contact_name, contact_phone, note, "
      "address, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
      {made.id, made.username, request.password_hash, made.uscc, made.org_id, made.contact_name, made.contact_phone,
       made.note, request.address, made.created_at});
  if (!inserted) return inserted.error();
  return made;
}

Result<std::vector<Registration>> list_registrations(store::Connection& connection, const std::string& status) {
  std::vector<store::SqlValue> params;
  std::string sql = kSelectRegistrations;
  if (!status.empty()) {
    sql += " WHERE r.status = ?";
    params.push_back(status);
  }
  Result<store::QueryResult> rows = connection.query(sql + " ORDER BY r.created_at DESC, r.id DESC", params);
  if (!rows) return rows.error();
  std::vector<Registration> registrations;
  for (const store::Row& row : rows->rows) registrations.push_back(row_to_registration(row));
  return registrations;
}

Result<std::optional<Registration>> find_registration(store::Connection& connection, const std::string& id) {
  Result<store::QueryResult> rows = connection.query(kSelectRegistrations + " WHERE r.id = ?", {id});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return std::optional<Registration>();
  return std::optional(row_to_registration(rows->rows[0]));
}

Result<Registration> approve_registration(store::Connection& connection, const std::string& id,
                                          const std::string& actor) {
  Result<Registration> registration = registration_by_id(connection, id);
  if (!registration) return registration.error();
  if (Status pending = must_be_pending(registration.value()); !pending) return pending.error();
  Result<store::QueryResult> hash =
      connection.query("SELECT password_hash FROM registrations WHERE id = ?", {registration->id});
  if (!hash) return hash.error();
  NewUser wanted{registration->username, "enterprise", "", registration->org_id, "", store::as_text(hash->rows[0][0])};
  wanted.password_checked_when_hashed = true;  // at registration, against the same policy
  Result<User> user = create_user(connection, wanted);
  if (!user) return user.error();
  if (Status decided = record_decision(connection, id, "approved", actor, "", user->id); !decided)
    return decided.error();
  return registration_by_id(connection, id);
}

Result<Registration> reject_registration(store::Connection& connection, const std::string& id, const std::string& actor,
                                         const std::string& reason) {
  const std::size_t reason_length = utf8_length(reason);
  if (reason_length == 0 || reason_length > kReasonLength) {
    return Error::invalid("a rejection says why",
                          {{"reason", "say why, in at most 500 characters", "请说明驳回理由，不超过500个字"}});
  }
  Result<Registration> registration = registration_by_id(connection, id);
  if (!registration) return registration.error();
  if (Status pending = must_be_pending(registration.value()); !pending) return pending.error();
  if (Status decided = record_decision(connection, id, "rejected", actor, reason, ""); !decided) return decided.error();
  return registration_by_id(connection, id);
}

Result<std::optional<RegistrationSignIn>> registration_for_sign_in(store::Connection& connection,
                                                                   const std::string& username) {
  Result<store::QueryResult> rows = connection.query(
      "SELECT status, created_at, reason, password_hash FROM registrations WHERE username = ? AND status IN "
      "('pending', 'rejected') ORDER BY created_at DESC, id DESC LIMIT 1",
      {username});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return std::optional<RegistrationSignIn>();
  const store::Row& row = rows->rows[0];
  return std::optional(RegistrationSignIn{store::as_text(row[0]), store::as_text(row[1]), store::as_text(row[2]),
                                          store::as_text(row[3])});
}

Result<std::int64_t> enterprise_accounts_of(store::Connection& connection, const std::string& org_id) {
  return count_of(connection, "SELECT COUNT(*) FROM users WHERE org_id = ? AND role = 'enterprise' AND disabled = 0",
                  {org_id});
}

Json registration_json(const Registration& registration, bool in_full) {
  auto text_or_null = [](const std::string& text) { return text.empty() ? Json() : Json(text); };
  return Json{
      {"id", registration.id},
      {"status", registration.status},
      {"username", registration.username},
      {"uscc", registration.uscc},
      {"organization", {{"id", registration.org_id}, {"name", text_or_null(registration.org_name)}}},
      {"contact_name", text_or_null(in_full ? registration.contact_name : masked_name(registration.contact_name))},
      {"contact_phone", text_or_null(in_full ? registration.contact_phone : masked_phone(registration.contact_phone))},
      {"note", text_or_null(registration.note)},
      {"created_at", registration.created_at},
      {"decided_at", text_or_null(registration.decided_at)},
      {"decided_by", text_or_null(registration.decided_by)},
      {"reason", text_or_null(registration.reason)},
      {"user_id", text_or_null(registration.user_id)},
  };
}

}  // namespace alley::accounts
