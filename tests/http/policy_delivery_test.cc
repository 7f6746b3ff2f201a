// 免申即享 over HTTP: a change to an enterprise or to a policy that makes a new
// match notifies the enterprise and the responsible department, once; and
// the public calculator judges typed-in attributes without storing anything.

#include <gtest/gtest.h>

#include "support/api_test.h"

namespace alley::testing {
namespace {

class PolicyDelivery : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_alley({"init", "--db", dir_.db_url()}).exit_code, 0);
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--db", dir_.db_url()});
  }

  int port() const { return server_->port(); }

  // A user of `role` (with its organization or department) and a token for it.
  Headers as_new_user(const std::string& name, const std::vector<std::string>& role) {
    std::vector<std::string> add = {"user", "add", name};
    add.insert(add.end(), role.begin(), role.end());
    add.insert(add.end(), {"--db", dir_.db_url()});
    EXPECT_EQ(run_alley(add).exit_code, 0);
    CommandResult token = run_alley({"token", "create", name, "--db", dir_.db_url()});
    EXPECT_EQ(token.exit_code, 0);
    return {{"Authorization", "Bearer " + token.out.substr(0, token.out.find('\n'))}};
  }

  Json notifications(const Headers& who, const std::string& query = "") {
    Response response = request(port(), "GET", "/api/v1/notifications" + query, "", who);
    EXPECT_EQ(response.status, 200) << response.body;
    return json_of(response);
  }

  // Those about one policy, newest first: the pack's own policies notify too.
  Json about(const std::string& policy_id, const Headers& who, const std::string& query = "") {
    Json found = Json::array();
    const Json page = notifications(who, query + (query.empty() ? "?" : "&") + "limit=500");
    for (const Json& item : page["items"]) {
      if (item["policy_id"] == policy_id) found.push_back(item);
    }
    return found;
  }

  Response change(const std::string& target, const Json& patch) {
    Response current = request(port(), "GET", target);
    return patch_json(port(), target, patch, current.header("etag"));
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(PolicyDelivery, AnEnterpriseThatComesToQualifyIsToldOnceAndSoIsItsDepartment) {
  ASSERT_EQ(post_json(port(), "/api/v1/policies",
                      {{"id", "p-ai"},
                       {"name", "人工智能企业扶持"},
                       {"source", "t"},
                       {"benefit", "最高 50 万元"},
                       {"responsible_department_id", "science-tech-commission"},
                       {"rule", R"(kind == "enterprise" and sectors contains "人工智能" and employees >= 50)"}})
                .status,
            201);
  ASSERT_EQ(post_json(port(), "/api/v1/organizations",
                      {{"id", "o-ai"},
                       {"name", "测试智能科技"},
                       {"source", "t"},
                       {"kind", "enterprise"},
                       {"sectors", {"人工智能"}},
                       {"employees", 20}})
                .status,
            201);
  const Headers firm = as_new_user("firm", {"--role", "enterprise", "--org", "o-ai"});
  const Headers commission =
      as_new_user("commission", {"--role", "department", "--department", "science-tech-commission"});
  EXPECT_TRUE(about("p-ai", firm).empty()) << "20 employees do not qualify";

  ASSERT_EQ(change("/api/v1/organizations/o-ai", {{"employees", 80}}).status, 200);
  Json mine = about("p-ai", firm);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_TRUE(mine[0]["read_at"].is_null());
  EXPECT_EQ(mine[0]["policy_name"], "人工智能企业扶持");
  EXPECT_NE(mine[0]["message"].get<std::string>().find("最高 50 万元"), std::string::npos);
  Json department = about("p-ai", commission);
  ASSERT_EQ(department.size(), 1u);
  EXPECT_EQ(department[0]["organization_name"], "测试智能科技");
  EXPECT_NE(department[0]["message"].get<std::string>().find("新符合"), std::string::npos);

  ASSERT_EQ(change("/api/v1/organizations/o-ai", {{"description", "与资格无关的修改"}}).status, 200);
  EXPECT_EQ(about("p-ai", firm).size(), 1u) << "a match already announced is not announced again";

  ASSERT_EQ(change("/api/v1/organizations/o-ai", {{"employees", 10}}).status, 200);
  ASSERT_EQ(change("/api/v1/organizations/o-ai", {{"employees", 90}}).status, 200);
  EXPECT_EQ(about("p-ai", firm).size(), 2u) << "qualifying again after a lapse is news again";
  department = about("p-ai", commission);
  ASSERT_EQ(department.size(), 1u) << "the department's unread digest counts it instead";
  EXPECT_EQ(department[0]["match_count"], 2);

  // Read: by the recipient only; someone else's notification does not exist for them.
  const std::int64_t id = about("p-ai", firm)[0]["id"];
  const std::int64_t unread = notifications(firm, "?unread=true")["total"];
  const Headers other_firm = as_new_user("other", {"--role", "enterprise", "--org", "xinwei-group"});
  EXPECT_EQ(request(port(), "POST", "/api/v1/notifications/" + std::to_string(id) + "/read", "", other_firm).status,
            404);
  Response read = request(port(), "POST", "/api/v1/notifications/" + std::to_string(id) + "/read", "", firm);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_FALSE(json_of(read)["read_at"].is_null());
  EXPECT_EQ(notifications(firm, "?unread=true")["total"], unread - 1);
  EXPECT_EQ(notifications(firm)["unread"], unread - 1);
  const Json theirs = notifications(other_firm);
  for (const Json& item : theirs["items"]) EXPECT_EQ(item["recipient_id"], "xinwei-group");
  EXPECT_EQ(request(port(), "GET", "/api/v1/notifications", "", {kAnonymousMarker}).status, 401);
  EXPECT_EQ(request(port(), "GET", "/api/v1/notifications?unread=maybe", "", firm).status, 400);
  EXPECT_EQ(request(port(), "GET", "/api/v1/notifications?limit=5x", "", firm).status, 400);
  EXPECT_EQ(request(port(), "POST", "/api/v1/notifications/not-a-number/read", "", firm).status, 404);
}

TEST_F(PolicyDelivery, AChangedPolicyReachesTheEnterprisesItNowCoversAndTheDepartmentGetsOneDigest) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(post_json(port(), "/api/v1/organizations",
                        {{"id", "o-" + std::to_string(i)},
                         {"name", "测试企业" + std::to_string(i)},
                         {"source", "t"},
                         {"kind", "enterprise"},
                         {"rd_ratio", 0.02 + 0.03 * i}})
                  .status,
              201);
  }
  ASSERT_EQ(post_json(port(), "/api/v1/policies",
                      {{"id", "p-rd"},
                       {"name", "研发投入奖励"},
                       {"source", "t"},
                       {"responsible_department_id", "science-tech-commission"},
                       {"rule", R"(kind == "enterprise" and rd_ratio >= 0.07)"}})
                .status,
            201);
  const Headers commission =
      as_new_user("commission", {"--role", "department", "--department", "science-tech-commission"});
  Json first = about("p-rd", commission);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0]["message"], "「测试企业2」新符合「研发投入奖励」的条件");

  ASSERT_EQ(change("/api/v1/policies/p-rd", {{"rule", R"(kind == "enterprise" and rd_ratio >= 0.04)"}}).status, 200);
  Json second = about("p-rd", commission);
  ASSERT_EQ(second.size(), 1u) << "one digest per policy while unread";
  EXPECT_EQ(second[0]["match_count"], 2);
  EXPECT_EQ(second[0]["message"], "「研发投入奖励」新匹配 2 家单位，最近一家：「测试企业1」")
      << "only the enterprise the change newly covers is added";
  ASSERT_EQ(request(port(), "POST", "/api/v1/notifications/" + second[0]["id"].dump() + "/read", "", commission).status,
            200);
  ASSERT_EQ(change("/api/v1/policies/p-rd", {{"rule", R"(kind == "enterprise" and rd_ratio >= 0.01)"}}).status, 200);
  Json third = about("p-rd", commission);
  ASSERT_EQ(third.size(), 2u) << "after reading, new matches start a new digest";
  EXPECT_EQ(third[0]["message"], "「测试企业0」新符合「研发投入奖励」的条件");
  const Headers firm = as_new_user("firm1", {"--role", "enterprise", "--org", "o-1"});
  EXPECT_EQ(about("p-rd", firm).size(), 1u);

  // A pipeline step is a change too: many rules ask whether an enterprise has landed.
  ASSERT_EQ(
      post_json(port(), "/api/v1/policies",
                {{"id", "p-landed"}, {"name", "落地奖励"}, {"source", "t"}, {"rule", R"(pipeline_status == "landed")"}})
          .status,
      201);
  EXPECT_TRUE(about("p-landed", firm).empty()) << "not before it lands";
  Response current = request(port(), "GET", "/api/v1/organizations/o-1");
  Response moved = request(port(), "POST", "/api/v1/organizations/o-1/pipeline", Json{{"status", "landed"}}.dump(),
                           {{"If-Match", current.header("etag")}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(about("p-landed", firm).size(), 1u);
}

TEST_F(PolicyDelivery, TheCalculatorJudgesTypedInAttributesForAnyoneAndStoresNothing) {
  const std::int64_t organizations = total_of(port(), "organizations");
  Response answer = post_json(
      port(), "/api/v1/policy-calculator",
      {{"kind", "enterprise"}, {"employees", 60}, {"rd_ratio", 0.08}, {"sectors", {"人工智能"}}}, {kAnonymousMarker});
  ASSERT_EQ(answer.status, 200) << answer.body;
  const Json verdicts = json_of(answer);
  ASSERT_FALSE(verdicts["eligible"].empty());
  for (const Json& policy : verdicts["eligible"]) {
    if (policy["has_alternatives"]) continue;  // one set of conditions is enough there
    for (const Json& clause : policy["clauses"]) EXPECT_EQ(clause["result"], "pass") << policy["name"];
  }
  // A landed-enterprise policy cannot be judged without the pipeline status: it says so in Chinese.
  bool named_missing = false;
  for (const Json& policy : verdicts["not_eligible"]) {
    for (const Json& missing : policy["missing"]) named_missing |= missing == "招商进度";
  }
  EXPECT_TRUE(named_missing) << verdicts.dump();

  Response mistyped =
      post_json(port(), "/api/v1/policy-calculator", {{"employees", "很多"}, {"name", "x"}}, {kAnonymousMarker});
  ASSERT_EQ(mistyped.status, 422);
  const Json errors = json_of(mistyped)["errors"];
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(request(port(), "POST", "/api/v1/policy-calculator", "[1, 2]", {kAnonymousMarker}).status, 422);
  EXPECT_EQ(request(port(), "POST", "/api/v1/policy-calculator", "{", {kAnonymousMarker}).status, 400);
  EXPECT_EQ(total_of(port(), "organizations"), organizations);
}

}  // namespace
}  // namespace alley::testing
