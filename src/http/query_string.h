#pragma once
// application/x-www-form-urlencoded query strings.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace alley::http {

// Decodes %XX and '+' (as space when `plus_is_space`); nullopt for a broken
// escape, an encoded NUL, or bytes that are not UTF-8 (core/utf8.h:
// overlong forms too).
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// nullopt when any part cannot be decoded.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view query);

}  // namespace alley::http
