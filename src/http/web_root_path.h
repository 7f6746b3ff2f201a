#pragma once
// Which file under the web app's folder a request path names, if any. Kept
// apart from the handler, with no dependency beyond the standard library, so
// that it can be fuzzed on its own: whatever the path, the answer is a
// regular file inside the root or nothing.

#include <filesystem>
#include <optional>
#include <string_view>

namespace alley::http {

// `root` must be canonical (absolute, no symlinks). `request_path` is the
// percent-decoded path of the request. Returns the canonical path of a
// regular file that lies inside `root` after every symlink is resolved;
// nullopt for anything else: a dot segment (`..`, `.`, hidden files), a
// backslash, a NUL or control byte, a path that resolves outside the root,
// a folder, or a file that is not there.
std::optional<std::filesystem::path> file_under_root(const std::filesystem::path& root, std::string_view request_path);

}  // namespace alley::http
