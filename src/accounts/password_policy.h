#pragma once
// What a password must be (docs/SECURITY.md): long enough and not too long,
// counted in characters (Unicode code points, so a Chinese passphrase counts
// as a user reads it); not the user name nor containing it; not one character
// over and over; and not a known common password, nor one with digits or
// punctuation tacked on the end (Password1234!, qwerty123456). Upper and lower
// case count as the same for the name and the list.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace alley::accounts {

constexpr std::size_t kMinimumPasswordLength = 10;
constexpr std::size_t kMaximumPasswordLength = 256;

// nullopt when `password` meets the policy; otherwise one sentence, in
// Chinese and English, saying which rule it breaks. Also refuses every
// password, saying why, while the list of common passwords is not installed
// (common_passwords.h), rather than accept one unchecked.
std::optional<std::string> password_problem(std::string_view password, std::string_view username);

}  // namespace alley::accounts
