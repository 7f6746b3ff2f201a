#include "registry/uscc.h"

namespace alley::registry {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

}  // namespace

std::optional<char> uscc_check_character(std::string_view first17) {
  if (first17.size() != 17) return std::nullopt;
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    const std::size_t value = kAlphabet.find(first17[i]);
    if (value == std::string_view::npos) return std::nullopt;
    sum += int(value) * kWeights[i];
  }
  const int check = (31 - sum % 31) % 31;
  return kAlphabet[std::size_t(check)];
}

std::optional<std::string> uscc_problem(std::string_view code) {
  if (code.size() != 18) {
    return "统一社会信用代码应为18位，实际为" + std::to_string(code.size()) + "位";
  }
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (kAlphabet.find(code[i]) == std::string_view::npos) {
      return "第" + std::to_string(i + 1) + "位字符“" + std::string(1, code[i]) +
             "”无效：只能使用数字和除 I、O、S、V、Z 以外的大写字母";
    }
  }
  for (std::size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') return "第3至8位应为登记管理机关行政区划码（数字）";
  }
  const char expected = *uscc_check_character(code.substr(0, 17));
  if (code[17] != expected) {
    return std::string("校验位错误：第18位应为“") + expected + "”，实际为“" + code[17] + "”";
  }
  return std::nullopt;
}

}  // namespace alley::registry
