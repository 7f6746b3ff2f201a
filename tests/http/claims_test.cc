// Claims are not facts: what an enterprise writes of itself in a field that
// decides policies or KPIs (tier, the high-growth mark, headcount) is kept as
// a claim beside the record; its matches, notifications and the district KPI
// move only once district staff verify it, and every step is audited.

#include <gtest/gtest.h>

#include "support/api_test.h"

namespace alley::testing {
namespace {

class Claims : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_alley({"init", "--db", dir_.db_url()}).exit_code, 0);
    const auto tokens = add_users_by_role(
        dir_.db_url(), {{"qst-user", "--role", "enterprise", "--org", "qst"},
                        {"commission", "--role", "department", "--department", "science-tech-commission"},
                        {"commerce", "--role", "department", "--department", "commerce-commission"}});
    firm_ = {{"Authorization", tokens.at("enterprise")}};
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--db", dir_.db_url()});
    commission_ = {{"Authorization", add_token("commission")}};
    commerce_ = {{"Authorization", add_token("commerce")}};
  }

  std::string add_token(const std::string& user) {
    CommandResult token = run_alley({"token", "create", user, "--db", dir_.db_url()});
    EXPECT_EQ(token.exit_code, 0) << token.err;
    return "Bearer " + token.out.substr(0, token.out.find('\n'));
  }

  int port() const { return server_->port(); }

  Json organization(const Headers& who = {}) {
    Response response = request(port(), "GET", "/api/v1/organizations/qst", "", who);
    EXPECT_EQ(response.status, 200) << response.body;
    return json_of(response);
  }

  Response claim(const Json& patch) {
    const std::string etag = request(port(), "GET", "/api/v1/organizations/qst").header("etag");
    Headers headers = firm_;
    headers.push_back({"If-Match", etag});
    return request(port(), "PATCH", "/api/v1/organizations/qst", patch.dump(), headers);
  }

  Response decide(const std::string& field, const std::string& decision, const Headers& who) {
    return request(port(), "POST", "/api/v1/organizations/qst/claims/" + field,
                   Json{{"decision", decision}, {"note", "核对了证书"}}.dump(), who);
  }

  std::size_t matches() {
    return json_of(request(port(), "GET", "/api/v1/organizations/qst/policies"))["eligible"].size();
  }

  double high_growth_kpi() {
    // No data (null) until a record states it.
    const Json value = json_of(request(port(), "GET", "/api/v1/kpis/kpi-high-growth-enterprises/progress"))["value"];
    return value.is_null() ? 0 : value.get<double>();
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  Headers firm_, commission_, commerce_;
};

TEST_F(Claims, AnEnterprisesOwnClaimChangesNothingUntilStaffVerifyIt) {
  const std::size_t matched_before = matches();
  const double kpi_before = high_growth_kpi();
  const Json before = organization();
  ASSERT_FALSE(before.contains("tier"));

  Response claimed = claim(
      {{"tier", "little_giant"}, {"high_growth", true}, {"employees", 240}, {"website", "https://www.qstcorp.com"}});
  ASSERT_EQ(claimed.status, 200) << claimed.body;
  Json answer = json_of(claimed);
  EXPECT_FALSE(answer.contains("tier")) << "the field keeps its verified value";
  EXPECT_EQ(answer["website"], "https://www.qstcorp.com") << "fields that decide nothing change at once";
  EXPECT_EQ(answer["claims"]["tier"]["value"], "little_giant");
  EXPECT_EQ(answer["claims"]["tier"]["claimed_by"], "qst-user");
  EXPECT_EQ(answer["claims"]["employees"]["value"], 240);

  EXPECT_EQ(matches(), matched_before) << "rules read the verified value";
  EXPECT_EQ(high_growth_kpi(), kpi_before) << "the KPI counts verified marks only";
  EXPECT_FALSE(organization({kAnonymousMarker}).contains("claims")) << "the public does not see claims";
  EXPECT_TRUE(organization(firm_).contains("claims")) << "the enterprise sees its own";

  // A claim the field would not take is refused at the field, and nothing is kept.
  Response bad = claim({{"employees", -5}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(json_of(bad)["errors"][0]["field"], "employees");
  EXPECT_EQ(organization()["claims"]["employees"]["value"], 240);

  // Only staff whose scope covers the organization decide.
  EXPECT_EQ(decide("tier", "verify", firm_).status, 403);
  EXPECT_EQ(decide("tier", "verify", commerce_).status, 403);
  Json commerce_inbox = json_of(request(port(), "GET", "/api/v1/claims", "", commerce_));
  EXPECT_EQ(commerce_inbox["total"], 0);
  Json inbox = json_of(request(port(), "GET", "/api/v1/claims", "", commission_));
  ASSERT_EQ(inbox["total"], 3) << inbox.dump();
  EXPECT_EQ(inbox["items"][0]["record_name"], before["name"]);
  EXPECT_EQ(inbox["items"][0]["field_label"].is_string(), true);
  EXPECT_EQ(decide("founded_year", "verify", commission_).status, 404) << "no pending claim on it";
  EXPECT_EQ(
      request(port(), "POST", "/api/v1/organizations/qst/claims/tier", R"({"decision":"maybe"})", commission_).status,
      422);

  Response verified = decide("tier", "verify", commission_);
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(json_of(verified)["tier"], "little_giant");
  EXPECT_FALSE(json_of(verified)["claims"].contains("tier"));
  EXPECT_GT(matches(), matched_before) << "the verified tier now decides its policies";

  ASSERT_EQ(decide("high_growth", "verify", commission_).status, 200);
  EXPECT_EQ(high_growth_kpi(), kpi_before + 1);
  Response rejected = decide("employees", "reject", commission_);
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_FALSE(json_of(rejected).contains("employees"));
  EXPECT_FALSE(json_of(rejected).contains("claims"));

  // Every step is in the audit log, with who and on what evidence.
  Json audit = json_of(request(port(), "GET", "/api/v1/audit?resource=organizations&record_id=qst&limit=50"));
  std::map<std::string, int> actions;
  for (const Json& entry : audit["items"]) ++actions[entry["action"].get<std::string>()];
  EXPECT_EQ(actions["claim"], 1);
  EXPECT_EQ(actions["verify_claim"], 2);
  EXPECT_EQ(actions["reject_claim"], 1);
}

TEST_F(Claims, StaffWriteTheFieldsDirectlyAndANewClaimSupersedesThePendingOne) {
  const std::string etag = request(port(), "GET", "/api/v1/organizations/qst").header("etag");
  Headers headers = commission_;
  headers.push_back({"If-Match", etag});
  Response direct = request(port(), "PATCH", "/api/v1/organizations/qst", R"({"tier":"tech_sme"})", headers);
  ASSERT_EQ(direct.status, 200) << direct.body;
  EXPECT_EQ(json_of(direct)["tier"], "tech_sme");

  ASSERT_EQ(claim({{"tier", "specialized_sme"}}).status, 200);
  ASSERT_EQ(claim({{"tier", "little_giant"}}).status, 200);
  Json inbox = json_of(request(port(), "GET", "/api/v1/claims", "", commission_));
  ASSERT_EQ(inbox["total"], 1);
  EXPECT_EQ(inbox["items"][0]["value"], "little_giant");
  EXPECT_EQ(inbox["items"][0]["current"], "tech_sme");
  // Claiming what is already recorded is no claim.
  ASSERT_EQ(decide("tier", "reject", commission_).status, 200);
  Response same = claim({{"tier", "tech_sme"}});
  ASSERT_EQ(same.status, 200);
  EXPECT_FALSE(json_of(same).contains("claims"));
}

}  // namespace
}  // namespace alley::testing

namespace alley::testing {
namespace {

TEST_F(Claims, TheOrganizationHearsHowStaffDecided) {
  ASSERT_EQ(claim({{"employees", 240}, {"certifications", {"高新技术企业"}}}).status, 200);
  ASSERT_EQ(decide("employees", "verify", commission_).status, 200);
  ASSERT_EQ(decide("certifications", "reject", commission_).status, 200);
  const Json mine = json_of(request(port(), "GET", "/api/v1/notifications", "", firm_));
  std::vector<std::string> told;
  for (const Json& item : mine["items"]) {
    if (item["kind"] != "claim_decision") continue;
    told.push_back(item["message"]);
    EXPECT_EQ(item["subject_id"], "qst");
    EXPECT_EQ(item["subject_name"], organization()["name"]);
  }
  ASSERT_EQ(told.size(), 2u) << mine.dump();
  EXPECT_EQ(told[1], "贵单位申报的「员工人数」（240）已核实，现已生效：核对了证书");
  EXPECT_EQ(told[0], "贵单位申报的「资质认定」（高新技术企业）未通过核实：核对了证书");
  const Json staff = json_of(request(port(), "GET", "/api/v1/notifications", "", commerce_));
  for (const Json& item : staff["items"]) EXPECT_NE(item["kind"], "claim_decision") << "the organization's own";
}

}  // namespace
}  // namespace alley::testing
