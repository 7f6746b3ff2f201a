#include "accounts/credentials.h"

#include <sodium.h>

#include <mutex>
#include <stdexcept>

#include "accounts/hashing_slots.h"
#include "accounts/password_policy.h"

namespace alley::accounts {
namespace {

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

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

std::string generated_password(std::string_view username) {
  ensure_sodium();
  // No look-alike characters; four groups of four (about 89 bits) are easy to
  // copy by hand.
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3479";
  std::string password;
  // A short user name can turn up in the letters by chance; then draw again.
  for (int attempt = 0; attempt < 100; ++attempt) {
    password.clear();
    for (int group = 0; group < 4; ++group) {
      if (group) password += '-';
      for (int i = 0; i < 4; ++i) password += kAlphabet[randombytes_uniform(std::uint32_t(kAlphabet.size()))];
    }
    if (!password_problem(password, username)) break;
  }
  return password;
}

}  // namespace alley::accounts
