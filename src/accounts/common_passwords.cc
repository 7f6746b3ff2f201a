#include "accounts/common_passwords.h"

#include <string>
#include <unordered_set>

#include "core/files.h"
#include "core/install_paths.h"

namespace alley::accounts {
namespace fs = std::filesystem;
namespace {

constexpr const char* kListFile = "common.txt";

using PasswordList = std::unordered_set<std::string>;

std::string ascii_lowercase(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  return lowered;
}

PasswordList parse_list(const std::string& text) {
  PasswordList list;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) list.insert(ascii_lowercase(line));
    start = end + 1;
  }
  return list;
}

Result<PasswordList> read_list() {
  std::string looked;
  for (const fs::path& folder : common_password_search_path()) {
    const fs::path file = folder / kListFile;
    if (std::optional<std::string> text = read_file(file)) {
      PasswordList list = parse_list(*text);
      if (list.empty()) return Error::not_found("the list of common passwords " + file.string() + " is empty");
      return list;
    }
    looked += (looked.empty() ? "" : ", ") + folder.string();
  }
  return Error::not_found(std::string("the list of common passwords (") + kListFile + ") is not installed; looked in " +
                          looked);
}

const Result<PasswordList>& the_list() {
  static const Result<PasswordList> list = read_list();
  return list;
}

}  // namespace

std::vector<fs::path> common_password_search_path() {
  return install_search_path("ALLEY_PASSWORDS_DIR", fs::path("data") / "passwords", "passwords",
                             ALLEY_SOURCE_PASSWORDS_DIR);
}

Status load_common_passwords() {
  if (!the_list()) return the_list().error();
  return ok_status();
}

Result<bool> is_common_password(std::string_view password) {
  const Result<PasswordList>& list = the_list();
  if (!list) return list.error();
  return list->count(ascii_lowercase(password)) > 0;
}

}  // namespace alley::accounts
