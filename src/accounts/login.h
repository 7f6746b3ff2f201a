#pragma once
// Signing in with a user name and password, throttled per account and per
// address so that guessing is slow: 5 failures for one account, or 20 from
// one address, within 15 minutes lock further attempts until the window passes.

#include <string>

#include "accounts/sessions.h"

namespace alley::accounts {

constexpr int kAccountFailureLimit = 5;
constexpr int kAddressFailureLimit = 20;
constexpr long long kFailureWindowSeconds = 15 * 60;

// Unauthorized for a wrong name or password (the same answer for both, so
// names cannot be probed); TooManyRequests while locked.
// REQUIRES: a write transaction. A failure is recorded even though the
// caller gets an error: commit the transaction either way.
Result<Session> log_in(store::Connection& connection, const std::string& username, const std::string& password,
                       const std::string& address);

}  // namespace alley::accounts
