#include "http/security_headers.h"

namespace alley::http {
namespace {

// The web app is served from this origin and talks to it alone; the map is
// drawn from the pack's own data, so no other origin is needed. Element Plus,
// ECharts and Leaflet set style attributes, hence inline styles; no inline
// script and no eval.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

bool has_header(const HttpResponse& response, const char* name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return true;
  }
  return false;
}

}  // namespace

void add_security_headers(HttpResponse& response, bool personal) {
  response.set_header("Content-Security-Policy", kContentSecurityPolicy);
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "same-origin");
  if (personal || has_header(response, "Set-Cookie")) {
    for (auto it = response.headers.begin(); it != response.headers.end();) {
      it = it->first == "Cache-Control" ? response.headers.erase(it) : std::next(it);
    }
    response.set_header("Cache-Control", "no-store");
  } else if (!has_header(response, "Cache-Control")) {
    response.set_header("Cache-Control", "no-cache");
  }
}

}  // namespace alley::http
