#pragma once
// HTTP requests and responses as plain values, so that routing and handlers
// never see the networking library (only server.cc does).

#include <map>
#include <string>
#include <vector>

namespace alley::http {

struct HttpRequest {
  std::string method;                          // "GET", "POST", …
  std::string path;                            // percent-decoded path, without the query
  std::string query;                           // raw query string, without '?'
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  std::string header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
  std::string header_value(const std::string& name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return {};
  }
};

}  // namespace alley::http
