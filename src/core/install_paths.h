#pragma once
// Where Alley looks for what ships beside the binary (district packs, the web
// app, the list of common passwords): an environment override, then `source_relative` and
// `share/alley/<installed_name>` beside each folder above the binary, then
// the working folder, then the source tree it was built from.

#include <filesystem>
#include <string>
#include <vector>

namespace alley {

std::vector<std::filesystem::path> install_search_path(const char* environment_variable,
                                                       const std::filesystem::path& source_relative,
                                                       const std::string& installed_name,
                                                       const std::filesystem::path& source_tree_folder);

}  // namespace alley
