#pragma once
// UTF-8 as RFC 3629 defines it: what every text from outside must be.

#include <cstddef>
#include <string_view>

namespace alley {

// False for bytes that are not UTF-8: a stray continuation byte, a truncated
// sequence, an overlong form (C0 AE for '.'), a UTF-16 surrogate or a code
// point above U+10FFFF.
bool is_valid_utf8(std::string_view text);

// Code points in valid UTF-8 (what a user counts as characters).
std::size_t utf8_length(std::string_view text);

}  // namespace alley
