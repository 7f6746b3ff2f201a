#include "http/static_files.h"

#include <fstream>
#include <sstream>

#include "core/files.h"
#include "core/install_paths.h"
#include "http/problem.h"
#include "http/web_root_path.h"

namespace alley::http {
namespace fs = std::filesystem;
namespace {

std::string content_type_for(const fs::path& file) {
  const std::string extension = file.extension().string();
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".json") return "application/json; charset=utf-8";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".woff2") return "font/woff2";
  if (extension == ".woff") return "font/woff";
  if (extension == ".ttf") return "font/ttf";
  return "application/octet-stream";
}

HttpResponse file_response(const fs::path& file, bool immutable) {
  auto body = read_file(file);
  if (!body) return problem_response(404, "there is nothing at this address");
  HttpResponse response;
  response.set_header("Content-Type", content_type_for(file));
  // Hashed asset names change with their content; the page itself must not be cached.
  response.set_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.body = std::move(*body);
  return response;
}

}  // namespace

std::optional<fs::path> find_web_root(const fs::path& configured) {
  std::vector<fs::path> candidates;
  if (!configured.empty()) candidates.push_back(configured);
  for (const fs::path& folder :
       install_search_path("ALLEY_WEB_DIR", fs::path("web") / "dist", "web", ALLEY_SOURCE_WEB_DIR)) {
    candidates.push_back(folder);
  }
  std::error_code error;
  for (const fs::path& candidate : candidates) {
    if (fs::exists(candidate / "index.html", error)) return fs::canonical(candidate, error);
  }
  return std::nullopt;
}

Handler static_files_handler(std::optional<fs::path> root) {
  return [root](RequestContext&, const HttpRequest& request, const PathParams&) -> HttpResponse {
    if (!root) {
      HttpResponse response;
      response.status = 503;
      response.set_header("Content-Type", "text/html; charset=utf-8");
      response.body =
          "<!doctype html><meta charset=utf-8><title>Alley</title><p>The web application has not been built. "
          "Run <code>./scripts/setup.sh</code>. The API is at <a href=/api/v1>/api/v1</a>.</p>";
      return response;
    }
    const std::string& path = request.path;
    if (std::optional<fs::path> file = file_under_root(*root, path)) {
      return file_response(*file, path.starts_with("/assets/"));
    }
    // A path with a file extension, a dot segment or a byte no app route has
    // is a missing file, not an app route.
    if (fs::path(path).has_extension() || path.find("/.") != std::string::npos ||
        path.find('\\') != std::string::npos) {
      return problem_response(404, "there is nothing at this address");
    }
    return file_response(*root / "index.html", false);
  };
}

}  // namespace alley::http
