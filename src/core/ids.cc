#include "core/ids.h"

#include <random>

namespace alley {

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lower_or_digit(id.front())) return false;
  for (char c : id) {
    if (!lower_or_digit(c) && c != '-' && c != '_') return false;
  }
  return true;
}

std::string new_id(std::string_view prefix) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = generator();
  std::string id(prefix);
  id += '-';
  for (int i = 0; i < 16; ++i) {
    id += kHex[bits & 0xF];
    bits >>= 4;
  }
  return id;
}

}  // namespace alley
