#include "http/router.h"

#include <algorithm>

namespace alley::http {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

// A segment "{id}" takes any segment; "{id}.ics" one that ends in ".ics", the rest its id.
bool match_pattern(const std::vector<std::string>& parts, const std::vector<std::string>& segments,
                   PathParams& params) {
  if (parts.size() != segments.size()) return false;
  PathParams found;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::size_t close = parts[i].find('}');
    if (parts[i].size() > 2 && parts[i].front() == '{' && close != std::string::npos) {
      const std::string suffix = parts[i].substr(close + 1);
      if (segments[i].size() <= suffix.size() || !segments[i].ends_with(suffix)) return false;
      found[parts[i].substr(1, close - 1)] = segments[i].substr(0, segments[i].size() - suffix.size());
    } else if (parts[i] != segments[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

// Literal routes win over placeholders ("/places.geojson" before "/{id}"),
// and a placeholder with a suffix over a bare one ("/{id}.ics" before "/{id}").
int rank_of(const std::string& pattern) {
  if (pattern.find('{') == std::string::npos) return 0;
  return pattern.find("}.") != std::string::npos ? 1 : 2;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, RouteDoc doc) {
  largest_body_ = std::max(largest_body_, doc.max_body_bytes);
  std::vector<std::string> parts = split_path(pattern);
  const int rank = rank_of(pattern);
  routes_.push_back(
      {std::move(method), std::move(pattern), std::move(handler), std::move(doc), std::move(parts), rank});
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  Match result;
  if (path.empty() || path.front() != '/') return result;
  const std::vector<std::string> segments = split_path(path);
  for (int pass = 0; pass < 3; ++pass) {
    for (const Route& route : routes_) {
      if (route.rank != pass) continue;
      PathParams params;
      if (!match_pattern(route.parts, segments, params)) continue;
      if (route.method == method || (method == "HEAD" && route.method == "GET")) {
        if (!result.route) {
          result.route = &route;
          result.params = std::move(params);
        }
      } else {
        result.allowed_methods.push_back(route.method);
      }
    }
    if (result.route) break;
  }
  return result;
}

}  // namespace alley::http
