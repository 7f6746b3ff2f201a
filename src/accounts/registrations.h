#pragma once
// An enterprise registers itself: it asks for an account of its organization,
// named by the organization's 统一社会信用代码, and district staff approve or
// reject the request. Until then nobody signs in with it. The applicant's name,
// telephone and address are kept only while the request waits: a decision
// erases them, since the account (or the refusal) is all that is needed after.
//
// REQUIRES for writes: a write transaction.

#include <optional>
#include <string>
#include <vector>

#include "accounts/users.h"

namespace alley::accounts {

// One address may ask this many times an hour; more is someone filling the queue.
constexpr int kRegistrationsPerAddressPerHour = 5;

struct RegistrationRequest {
  std::string username;
  std::string password;
  std::string password_hash;  // of `password`, from password_hash_for; empty when it breaks the policy
  std::string uscc;
  std::string contact_name;
  std::string contact_phone;
  std::string note;
  std::string address;  // where the request came from, for the hourly limit
};

struct Registration {
  std::string id;
  std::string status;  // pending, approved or rejected
  std::string username;
  std::string uscc;
  std::string org_id;
  std::string org_name;
  std::string contact_name;   // empty once decided
  std::string contact_phone;  // empty once decided
  std::string note;
  std::string created_at;
  std::string decided_at;
  std::string decided_by;
  std::string reason;
  std::string user_id;  // the account made on approval
};

// Invalid (with the fields at fault) for a bad name, password, code, contact
// or note, or a code no organization in the registry has; Conflict when the
// name is taken by a user or a waiting request; TooManyRequests past the
// hourly limit of the address.
Result<Registration> submit_registration(store::Connection& connection, const RegistrationRequest& request);

// Newest first; `status` empty for all.
Result<std::vector<Registration>> list_registrations(store::Connection& connection, const std::string& status);
Result<std::optional<Registration>> find_registration(store::Connection& connection, const std::string& id);

// Makes the enterprise user. NotFound for an unknown id; Conflict when the
// request is no longer pending or its name was taken meanwhile.
Result<Registration> approve_registration(store::Connection& connection, const std::string& id,
                                          const std::string& actor);
// Invalid without a reason; NotFound and Conflict as for approval.
Result<Registration> reject_registration(store::Connection& connection, const std::string& id, const std::string& actor,
                                         const std::string& reason);

// For signing in: the newest undecided or rejected request under `username`
// that has no account, with its password hash, so that the right password can
// be told why it does not open an account yet.
struct RegistrationSignIn {
  std::string status;
  std::string created_at;
  std::string reason;
  std::string password_hash;
};
Result<std::optional<RegistrationSignIn>> registration_for_sign_in(store::Connection& connection,
                                                                   const std::string& username);

// How many enterprise users the organization already has: what staff weigh
// before giving it another.
Result<std::int64_t> enterprise_accounts_of(store::Connection& connection, const std::string& org_id);

// `in_full`: the applicant's name and telephone as given; otherwise masked
// (张*, 138****5678), as a list shows them.
Json registration_json(const Registration& registration, bool in_full);

}  // namespace alley::accounts
