#pragma once
// Serves the built web application (web/dist): files by path, and index.html
// for any other path that is not the API, so the app's own routes (/map,
// /organizations/…) load on reload.

#include <filesystem>
#include <optional>

#include "http/router.h"

namespace alley::http {

// The first folder holding index.html among `configured` and the install
// search path (core/install_paths.h: $ALLEY_WEB_DIR, web/dist and
// share/alley/web above the binary, the source tree). nullopt when the app
// was never built.
std::optional<std::filesystem::path> find_web_root(const std::filesystem::path& configured);

// A handler for Router::set_fallback. With no root, it explains how to build the app.
Handler static_files_handler(std::optional<std::filesystem::path> root);

}  // namespace alley::http
