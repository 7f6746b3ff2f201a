#include "accounts/password_policy.h"

#include "accounts/common_passwords.h"
#include "core/utf8.h"

namespace alley::accounts {
namespace {

std::string ascii_lowercase(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  return lowered;
}

// REQUIRES: valid UTF-8.
bool is_one_character_repeated(std::string_view password) {
  const auto lead = static_cast<unsigned char>(password.front());
  const std::size_t width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  const std::string_view first = password.substr(0, width);
  for (std::size_t at = 0; at < password.size(); at += width) {
    if (password.substr(at, width) != first) return false;
  }
  return true;
}

// What is left after the digits, spaces and ASCII punctuation at the end,
// which people add to a common word to get past rules ("password1234!").
std::string_view without_trailing_decoration(std::string_view password) {
  while (!password.empty()) {
    const auto last = static_cast<unsigned char>(password.back());
    const bool decoration = last < 0x80 && !(last >= 'a' && last <= 'z') && !(last >= 'A' && last <= 'Z');
    if (!decoration) break;
    password.remove_suffix(1);
  }
  return password;
}

}  // namespace

std::optional<std::string> password_problem(std::string_view password, std::string_view username) {
  if (!is_valid_utf8(password)) return "密码不是有效的 UTF-8 文本 (the password is not valid UTF-8 text)";
  const std::size_t length = utf8_length(password);
  if (length < kMinimumPasswordLength) {
    return "密码至少需要 " + std::to_string(kMinimumPasswordLength) + " 个字符 (at least " +
           std::to_string(kMinimumPasswordLength) + " characters)";
  }
  if (length > kMaximumPasswordLength) {
    return "密码最多 " + std::to_string(kMaximumPasswordLength) + " 个字符 (at most " +
           std::to_string(kMaximumPasswordLength) + " characters)";
  }
  if (!username.empty() && ascii_lowercase(password).find(ascii_lowercase(username)) != std::string::npos) {
    return "密码不能包含用户名 (must not contain the user name)";
  }
  if (is_one_character_repeated(password)) {
    return "密码不能是同一个字符的重复 (must not be one character repeated)";
  }
  for (std::string_view candidate : {password, without_trailing_decoration(password)}) {
    if (candidate.empty()) continue;
    Result<bool> common = is_common_password(candidate);
    if (!common) {
      return "服务器缺少常用密码表，暂时无法设置密码 (the server cannot check passwords: its list of common "
             "passwords is not installed; see docs/DEPLOY.md)";
    }
    if (common.value()) {
      return "密码太常见，很容易被猜中 (too common: it is on the list of passwords that are guessed first)";
    }
  }
  return std::nullopt;
}

}  // namespace alley::accounts
