// libFuzzer target for the static files' path check (http/web_root_path.h):
// whatever a request path is, raw or percent-decoded as the server decodes
// it, the answer is a regular file inside the web folder or nothing — never
// the secret beside the folder, nor a file reached through a link out of it.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "http/query_string.h"
#include "http/web_root_path.h"

namespace {

namespace fs = std::filesystem;

struct Tree {
  fs::path root;
  fs::path secret;
};

// A web folder with an asset, a link out to '/' and a link to a secret kept
// beside it; made once per run.
const Tree& tree() {
  static const Tree made = [] {
    const fs::path base = fs::temp_directory_path() / ("alley-web-path-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(base / "web" / "assets");
    std::ofstream(base / "web" / "index.html") << "index";
    std::ofstream(base / "web" / "assets" / "app.js") << "app";
    std::ofstream(base / "secret.txt") << "secret";
    std::error_code ignored;
    fs::create_directory_symlink("/", base / "web" / "rootfs", ignored);
    fs::create_symlink(base / "secret.txt", base / "web" / "secret-link", ignored);
    return Tree{fs::canonical(base / "web"), fs::canonical(base / "secret.txt")};
  }();
  return made;
}

void check(std::string_view path) {
  const Tree& where = tree();
  const std::optional<fs::path> file = alley::http::file_under_root(where.root, path);
  if (!file) return;
  const std::string root = where.root.string() + "/";
  std::error_code error;
  if (!file->string().starts_with(root) || *file == where.secret || !fs::is_regular_file(*file, error)) {
    std::fprintf(stderr, "fuzz property: '%.*s' served %s, outside %s\n", int(path.size()), path.data(), file->c_str(),
                 root.c_str());
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  check(input);
  if (std::optional<std::string> decoded = alley::http::percent_decode(input, false)) check(*decoded);
  return 0;
}
