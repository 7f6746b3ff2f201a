#include "http/router.h"

#include <gtest/gtest.h>

namespace alley::http {
namespace {

HttpResponse answer(int status) {
  HttpResponse response;
  response.status = status;
  return response;
}

Router table() {
  Router router;
  router.add("GET", "/api/v1/places", [](auto&, auto&, auto&) { return answer(1); }, {});
  router.add("GET", "/api/v1/places/{id}", [](auto&, auto&, auto&) { return answer(2); }, {});
  router.add("PATCH", "/api/v1/places/{id}", [](auto&, auto&, auto&) { return answer(3); }, {});
  router.add("GET", "/api/v1/places.geojson", [](auto&, auto&, auto&) { return answer(4); }, {});
  return router;
}

}  // namespace

TEST(Router, MatchesPlaceholdersAndLiterals) {
  Router router = table();
  auto item = router.match("GET", "/api/v1/places/xinwei");
  ASSERT_NE(item.route, nullptr);
  EXPECT_EQ(item.params.at("id"), "xinwei");
  EXPECT_EQ(router.match("GET", "/api/v1/places.geojson").route->pattern, "/api/v1/places.geojson");
}

TEST(Router, TellsWrongMethodFromMissingPath) {
  Router router = table();
  auto wrong = router.match("DELETE", "/api/v1/places/xinwei");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_EQ(wrong.allowed_methods, (std::vector<std::string>{"GET", "PATCH"}));
  auto missing = router.match("GET", "/api/v1/places/xinwei/extra");
  EXPECT_EQ(missing.route, nullptr);
  EXPECT_TRUE(missing.allowed_methods.empty());
  EXPECT_EQ(router.match("GET", "/api/v1/places/").route, nullptr);
}

TEST(Router, HeadFollowsGet) { EXPECT_NE(table().match("HEAD", "/api/v1/places").route, nullptr); }

}  // namespace alley::http
