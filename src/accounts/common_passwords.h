#pragma once
// Passwords too common to allow: data/passwords/common.txt (its README names
// the source), found where the district packs are (core/install_paths.h) and
// read once per process.

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace alley::accounts {

// $ALLEY_PASSWORDS_DIR, then share/alley/passwords and data/passwords beside
// the folders above the binary, the working folder, the source tree.
std::vector<std::filesystem::path> common_password_search_path();

// Reads the list now rather than at the first password (so that a server
// without it can refuse to start); NotFound, naming where it looked.
Status load_common_passwords();

// Whether `password` is on the list, ignoring ASCII case; NotFound as above.
Result<bool> is_common_password(std::string_view password);

}  // namespace alley::accounts
