// The rule editor's check: a broken rule says where, a valid one how many
// organizations it would hold for and which would newly be told.

#include <gtest/gtest.h>

#include "support/api_test.h"

namespace alley::testing {
namespace {

TEST(RuleCheck, SaysWhereARuleBreaksAndWhomAValidOneWouldTell) {
  TempDir dir;
  ASSERT_EQ(run_alley({"init", "--db", dir.db_url(), "--demo"}).exit_code, 0);
  ServerProcess server({"--db", dir.db_url()});
  auto check = [&](const Json& body) {
    Response response = post_json(server.port(), "/api/v1/policies/rule-check", body);
    EXPECT_EQ(response.status, 200) << response.body;
    return json_of(response);
  };

  const Json broken = check({{"rule", "kind == \"enterprise\" and\n  employees >="}});
  EXPECT_EQ(broken["valid"], false);
  EXPECT_EQ(broken["error"]["line"], 2);
  EXPECT_EQ(broken["error"]["column"], 15);
  EXPECT_NE(broken["error"]["message"].get<std::string>().find("expected"), std::string::npos);
  EXPECT_EQ(check({{"rule", "headcount >= 5"}})["valid"], false) << "an unknown field is caught as typed";

  const std::int64_t enterprises =
      json_of(request(server.port(), "GET", "/api/v1/organizations?kind=enterprise&limit=1"))["total"];
  const Json all = check({{"rule", "kind   ==   \"enterprise\""}});
  ASSERT_EQ(all["valid"], true);
  EXPECT_EQ(all["canonical"], "kind == \"enterprise\"");
  EXPECT_EQ(all["matches"], enterprises);
  EXPECT_EQ(all["newly_told_count"], enterprises) << "no saved policy: everyone would be told";

  // Against a saved policy: those it holds for already were told.
  const Json policy = json_of(request(server.port(), "GET", "/api/v1/policies/talent-rent-subsidy"));
  const Json matched = json_of(request(server.port(), "GET", "/api/v1/policies/talent-rent-subsidy/matches"));
  const Json same = check({{"rule", policy["rule"]}, {"policy_id", "talent-rent-subsidy"}});
  EXPECT_EQ(same["matches"], matched["total"]);
  EXPECT_EQ(same["newly_told_count"], 0);
  EXPECT_EQ(same["no_longer_matched"], 0);
  const Json wider = check({{"rule", "kind == \"enterprise\""}, {"policy_id", "talent-rent-subsidy"}});
  EXPECT_EQ(wider["newly_told_count"].get<std::int64_t>() + matched["total"].get<std::int64_t>() -
                wider["no_longer_matched"].get<std::int64_t>(),
            enterprises);

  EXPECT_EQ(post_json(server.port(), "/api/v1/policies/rule-check", {{"rule", 5}}).status, 422);
  Response unknown = post_json(server.port(), "/api/v1/policies/rule-check",
                               {{"rule", "employees <= 300"}, {"policy_id", "no-such-policy"}});
  EXPECT_EQ(unknown.status, 422) << "a policy that is not saved cannot be compared with";
  EXPECT_NE(unknown.body.find("policy_id"), std::string::npos);
  EXPECT_EQ(
      request(server.port(), "POST", "/api/v1/policies/rule-check", R"({"rule":"kind == \"x\""})", {kAnonymousMarker})
          .status,
      401);
}

}  // namespace
}  // namespace alley::testing
