#include "accounts/credentials.h"

#include <sodium.h>

#include <cctype>
#include <mutex>
#include <stdexcept>

#include "accounts/hashing_slots.h"

namespace alley::accounts {
namespace {

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

constexpr std::size_t kMinimumLength = 12;

// REQUIRES: a hashing slot held by the caller.
Result<std::string> hash_in_slot(std::string_view password) {
  ensure_sodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Error::internal("out of memory while hashing a password");
  }
  return std::string(hash);
}

// What an unknown name's password is checked against; made once, on first use.
// REQUIRES: a hashing slot held by the caller.
Result<std::string> decoy_hash() {
  static std::mutex mutex;
  static std::string made;
  std::lock_guard lock(mutex);
  if (made.empty()) {
    Result<std::string> hash = hash_in_slot("a decoy, checked for names that have no password");
    if (!hash) return hash.error();
    made = hash.value();
  }
  return made;
}

}  // namespace

std::optional<std::string> password_problem(std::string_view password, std::string_view username) {
  if (password.size() < kMinimumLength) {
    return "密码至少需要 " + std::to_string(kMinimumLength) + " 个字符 (at least 12 characters)";
  }
  if (password.size() > 256) return "密码最多 256 个字符 (at most 256 characters)";
  bool letter = false, digit = false;
  for (unsigned char c : password) {
    letter |= std::isalpha(c) != 0;
    digit |= std::isdigit(c) != 0;
  }
  if (!letter || !digit) return "密码需同时包含字母和数字 (use both letters and digits)";
  if (!username.empty() && password.find(username) != std::string_view::npos) {
    return "密码不能包含用户名 (must not contain the user name)";
  }
  return std::nullopt;
}

Result<std::string> hash_password(std::string_view password) {
  Result<HashingSlots::Slot> slot = process_hashing_slots().take(kHashingSlotWait);
  if (!slot) return slot.error();
  return hash_in_slot(password);
}

Result<bool> verify_password(std::string_view password, const std::optional<std::string>& hash) {
  Result<HashingSlots::Slot> slot = process_hashing_slots().take(kHashingSlotWait);
  if (!slot) return slot.error();
  Result<std::string> decoy = decoy_hash();
  if (!decoy) return decoy.error();
  const std::string& checked = hash ? *hash : decoy.value();
  if (checked.size() >= crypto_pwhash_STRBYTES) return false;
  char stored[crypto_pwhash_STRBYTES] = {};
  checked.copy(stored, checked.size());
  const bool matches = crypto_pwhash_str_verify(stored, password.data(), password.size()) == 0;
  return matches && hash.has_value();
}

std::string random_secret() {
  ensure_sodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char text[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text;
}

std::string secret_hash(std::string_view secret) {
  ensure_sodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                     nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string generated_password() {
  ensure_sodium();
  // No look-alike characters; groups of four are easy to copy by hand.
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3479";
  std::string password;
  for (int group = 0; group < 4; ++group) {
    if (group) password += '-';
    for (int i = 0; i < 4; ++i) password += kAlphabet[randombytes_uniform(std::uint32_t(kAlphabet.size()))];
  }
  // Make sure both letters and digits appear, as the policy asks.
  password += std::to_string(randombytes_uniform(10));
  password += 'a' + char(randombytes_uniform(26));
  return password;
}

}  // namespace alley::accounts
