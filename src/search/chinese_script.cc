#include "search/chinese_script.h"

#include <opencc/SimpleConverter.hpp>

namespace alley::search {
namespace {

// OpenCC's configurations ship with Debian's opencc data package.
const opencc::SimpleConverter& converter(const char* config) {
  if (std::string_view(config) == "s2t.json") {
    static const opencc::SimpleConverter s2t(OPENCC_DATA_DIR "/s2t.json");
    return s2t;
  }
  static const opencc::SimpleConverter t2s(OPENCC_DATA_DIR "/t2s.json");
  return t2s;
}

bool is_ascii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::string to_traditional(std::string_view simplified) {
  if (is_ascii(simplified)) return std::string(simplified);
  return converter("s2t.json").Convert(simplified.data(), simplified.size());
}

std::string to_simplified(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  return converter("t2s.json").Convert(text.data(), text.size());
}

}  // namespace alley::search
