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

// Unauthorized for a wrong name or password (the same answer after the same
// work for both, so names cannot be probed); TooManyRequests while locked;
// Unavailable when too many other passwords are being checked to check this
// one soon (hashing_slots.h). A failure is recorded before Unauthorized is
// returned.
//
// Runs its own transactions so that the slow password check holds no lock:
// the throttle and the stored hash are read outside a write transaction, the
// check runs outside any transaction, and only the short writes (recording a
// failure, clearing failures, starting the session) take the write lock.
// REQUIRES: the calling thread holds no connection of `database`.
Result<Session> log_in(store::Database& database, const std::string& username, const std::string& password,
                       const std::string& address);

}  // namespace alley::accounts
