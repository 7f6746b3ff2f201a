#pragma once
// 统一社会信用代码 (Unified Social Credit Code, GB 32100-2015): 18 characters
// from a 31-character alphabet (no I, O, S, V, Z); the last one is a check
// character over the first 17.

#include <optional>
#include <string>
#include <string_view>

namespace alley::registry {

// The check character for the first 17 characters, or nullopt when they use
// characters outside the alphabet.
std::optional<char> uscc_check_character(std::string_view first17);

// nullopt when `code` is a valid USCC; otherwise a sentence saying what is
// wrong, fit to show next to the field.
std::optional<std::string> uscc_problem(std::string_view code);

}  // namespace alley::registry
