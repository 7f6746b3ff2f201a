#pragma once
// Helpers for tests that talk JSON to a running server.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/json.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace alley::testing {

inline Json json_of(const Response& response) {
  Json parsed = Json::parse(response.body, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << "not JSON: " << response.body.substr(0, 200);
  return parsed;
}

inline Response post_json(int port, const std::string& target, const Json& body, const Headers& headers = {}) {
  return request(port, "POST", target, body.dump(), headers);
}

inline Response patch_json(int port, const std::string& target, const Json& body, const std::string& etag) {
  return request(port, "PATCH", target, body.dump(), {{"If-Match", etag}});
}

// The `total` of a list, to show a rejected write changed nothing.
inline std::int64_t total_of(int port, const std::string& resource) {
  return json_of(request(port, "GET", "/api/v1/" + resource + "?limit=1"))["total"].get<std::int64_t>();
}

}  // namespace alley::testing
