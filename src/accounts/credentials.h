#pragma once
// Passwords (argon2id through libsodium; what they must be is
// password_policy.h), and random secrets for sessions and API tokens, which
// are stored only as hashes.

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace alley::accounts {

// An argon2id hash in libsodium's string format (salt and cost inside).
// Both functions wait for one of the process's hashing slots
// (hashing_slots.h) and are Unavailable when none frees up in time.
Result<std::string> hash_password(std::string_view password);
// Whether `password` matches `hash`. Without a hash (an unknown user) a decoy
// is checked instead, so that the answer, false, takes as long to come.
Result<bool> verify_password(std::string_view password, const std::optional<std::string>& hash);

// 32 random bytes as URL-safe base64 (43 characters).
std::string random_secret();

// BLAKE2b-256 of a secret, hex: what the database keeps of a session or token.
std::string secret_hash(std::string_view secret);

// A readable random password that meets the policy for `username`, for
// `alley init` and `alley user add`.
std::string generated_password(std::string_view username);

}  // namespace alley::accounts
