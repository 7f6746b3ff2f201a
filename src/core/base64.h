#pragma once
// Base64 (RFC 4648, with padding): how binary content is kept in a text
// column that both database backends store alike.

#include <optional>
#include <string>
#include <string_view>

namespace alley {

std::string base64_encode(std::string_view bytes);
// nullopt when `text` is not padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace alley
