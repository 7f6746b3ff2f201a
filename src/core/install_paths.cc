#include "core/install_paths.h"

#include <cstdlib>

namespace alley {
namespace fs = std::filesystem;

std::vector<fs::path> install_search_path(const char* environment_variable, const fs::path& source_relative,
                                          const std::string& installed_name, const fs::path& source_tree_folder) {
  std::vector<fs::path> folders;
  if (const char* configured = std::getenv(environment_variable); configured && *configured) {
    folders.emplace_back(configured);
  }
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    for (fs::path folder = executable.parent_path(); folder.has_relative_path(); folder = folder.parent_path()) {
      folders.push_back(folder / source_relative);
      folders.push_back(folder / "share" / "alley" / installed_name);
    }
  }
  folders.emplace_back(fs::current_path(error) / source_relative);
  folders.push_back(source_tree_folder);
  return folders;
}

}  // namespace alley
