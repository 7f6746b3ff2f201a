#include "core/base64.h"

#include <array>

namespace alley {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int, 256> decoding_table() {
  std::array<int, 256> table{};
  for (int& entry : table) entry = -1;
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) table[static_cast<unsigned char>(kAlphabet[i])] = int(i);
  return table;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string text;
  text.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned group = unsigned(static_cast<unsigned char>(bytes[i])) << 16 |
                           unsigned(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                           unsigned(static_cast<unsigned char>(bytes[i + 2]));
    for (int shift : {18, 12, 6, 0}) text += kAlphabet[(group >> shift) & 63];
  }
  if (const std::size_t rest = bytes.size() - i; rest > 0) {
    unsigned group = unsigned(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) group |= unsigned(static_cast<unsigned char>(bytes[i + 1])) << 8;
    text += kAlphabet[(group >> 18) & 63];
    text += kAlphabet[(group >> 12) & 63];
    text += rest == 2 ? kAlphabet[(group >> 6) & 63] : '=';
    text += '=';
  }
  return text;
}

std::optional<std::string> base64_decode(std::string_view text) {
  static constexpr std::array<int, 256> kTable = decoding_table();
  if (text.size() % 4 != 0) return std::nullopt;
  std::string bytes;
  bytes.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const int padding = last ? (text[i + 3] == '=') + (text[i + 2] == '=') : 0;
    unsigned group = 0;
    for (int j = 0; j < 4; ++j) {
      const char c = text[i + j];
      int value = 0;
      if (j >= 4 - padding) {
        if (c != '=') return std::nullopt;
      } else {
        value = kTable[static_cast<unsigned char>(c)];
        if (value < 0) return std::nullopt;
      }
      group = group << 6 | unsigned(value);
    }
    bytes += char(group >> 16 & 255);
    if (padding < 2) bytes += char(group >> 8 & 255);
    if (padding < 1) bytes += char(group & 255);
  }
  return bytes;
}

}  // namespace alley
