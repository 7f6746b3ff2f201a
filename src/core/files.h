#pragma once
// Whole files in and out of memory.

#include <filesystem>
#include <optional>
#include <string>

namespace alley {

// The bytes of a file; nullopt when it cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& path);

}  // namespace alley
