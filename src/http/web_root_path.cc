#include "http/web_root_path.h"

#include <algorithm>

namespace alley::http {
namespace fs = std::filesystem;
namespace {

bool inside(const fs::path& root, const fs::path& candidate) {
  auto [root_end, candidate_at] = std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
  return root_end == root.end();
}

}  // namespace

std::optional<fs::path> file_under_root(const fs::path& root, std::string_view request_path) {
  // The path is joined segment by segment, never as a whole: a path that is
  // absolute once its leading slash is dropped ("//etc/passwd") would
  // otherwise replace the root.
  fs::path wanted = root;
  std::size_t start = 0;
  while (start <= request_path.size()) {
    std::size_t end = request_path.find('/', start);
    if (end == std::string_view::npos) end = request_path.size();
    const std::string_view segment = request_path.substr(start, end - start);
    start = end + 1;
    if (segment.empty()) continue;
    if (segment.front() == '.') return std::nullopt;
    const bool unsafe_byte = std::any_of(segment.begin(), segment.end(), [](char c) {
      const auto byte = static_cast<unsigned char>(c);
      return byte < 0x20 || byte == 0x7f || c == '\\';
    });
    if (unsafe_byte) return std::nullopt;
    wanted /= fs::path(segment);
  }
  std::error_code error;
  // Symlinks are resolved before the check, so a link inside the folder
  // cannot lead out of it.
  const fs::path resolved = fs::canonical(wanted, error);
  if (error || !inside(root, resolved) || !fs::is_regular_file(resolved, error) || error) return std::nullopt;
  return resolved;
}

}  // namespace alley::http
