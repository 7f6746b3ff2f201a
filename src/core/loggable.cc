#include "core/loggable.h"

#include "core/utf8.h"

namespace alley {

std::string loggable(std::string_view text) {
  const bool utf8 = is_valid_utf8(text);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '\\' || (!utf8 && byte >= 0x80)) {
      static const char* kHex = "0123456789abcdef";
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace alley
