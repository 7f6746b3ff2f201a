// What every answer tells a browser: the web app's own scripts only, never in
// a frame, no sniffing, and nothing made for a signed-in user kept in a cache.

#include <gtest/gtest.h>

#include "support/api_test.h"

namespace alley::testing {
namespace {

TEST(SecurityHeaders, EveryAnswerCarriesThem) {
  TempDir dir;
  ServerProcess server({"--db", dir.db_url()});
  for (const char* target : {"/healthz", "/api/v1/places", "/api/v1/nothing-here", "/", "/map"}) {
    SCOPED_TRACE(target);
    Response response = request(server.port(), "GET", target, "", {kAnonymousMarker});
    const std::string policy = response.header("content-security-policy");
    EXPECT_NE(policy.find("script-src 'self'"), std::string::npos) << policy;
    EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << policy;
    EXPECT_NE(policy.find("object-src 'none'"), std::string::npos) << policy;
    EXPECT_EQ(policy.find("unsafe-eval"), std::string::npos) << policy;
    EXPECT_EQ(response.header("x-frame-options"), "DENY");
    EXPECT_EQ(response.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(response.header("referrer-policy"), "same-origin");
  }
}

TEST(SecurityHeaders, NothingPersonalIsCached) {
  TempDir dir;
  ServerProcess server({"--db", dir.db_url()});
  // The public's answers may be revalidated, a signed-in user's never stored.
  EXPECT_EQ(request(server.port(), "GET", "/api/v1/organizations", "", {kAnonymousMarker}).header("cache-control"),
            "no-cache");
  for (const char* target : {"/api/v1/organizations", "/api/v1/talents", "/api/v1/session", "/api/v1/audit"}) {
    SCOPED_TRACE(target);
    EXPECT_EQ(request(server.port(), "GET", target).header("cache-control"), "no-store");
  }
  // A failed sign-in carries no session, but its answer is not cached either.
  Response signed_in = post_json(server.port(), "/api/v1/session",
                                 {{"username", "admin"}, {"password", "wrong-one-1234"}}, {kAnonymousMarker});
  EXPECT_EQ(signed_in.status, 401);
  EXPECT_FALSE(signed_in.header("cache-control").empty());
}

}  // namespace
}  // namespace alley::testing
