// An enterprise registers itself by its organization's 统一社会信用代码 and
// signs in only once district staff approve; the applicant's contact is
// masked in lists, audited when read in full, and erased by the decision.

#include <gtest/gtest.h>

#include "support/api_test.h"

namespace alley::testing {
namespace {

constexpr const char* kPassword = "硅巷注册口令-2026";

class Registrations : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_alley({"init", "--db", dir_.db_url(), "--demo"}).exit_code, 0);
    const auto tokens = add_users_by_role(
        dir_.db_url(), {{"boss", "--role", "admin"},
                        {"commission", "--role", "department", "--department", "science-tech-commission"},
                        {"firm", "--role", "enterprise", "--org", "qst"}});
    admin_ = {{"Authorization", tokens.at("admin")}};
    staff_ = {{"Authorization", tokens.at("department")}};
    firm_ = {{"Authorization", tokens.at("enterprise")}};
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--db", dir_.db_url()});
    const Json organization = json_of(request(port(), "GET", "/api/v1/organizations/demo-org-0009", "", admin_));
    uscc_ = organization["uscc"].get<std::string>();
    org_name_ = organization["name"].get<std::string>();
  }

  int port() const { return server_->port(); }

  Json application(const std::string& username) const {
    return {{"username", username},
            {"password", kPassword},
            {"uscc", uscc_},
            {"contact_name", "张小明"},
            {"contact_phone", "138 0013 5678"},
            {"note", "行政主管"}};
  }

  Response apply(const Json& body) const { return post_json(port(), "/api/v1/registrations", body); }

  Response sign_in(const std::string& username, const std::string& password = kPassword) const {
    return post_json(port(), "/api/v1/session", {{"username", username}, {"password", password}});
  }

  std::int64_t registrations() const {
    return json_of(request(port(), "GET", "/api/v1/registrations", "", staff_))["total"].get<std::int64_t>();
  }

  static std::set<std::string> fields_at_fault(const Json& problem) {
    std::set<std::string> fields;
    for (const Json& error : problem["errors"]) fields.insert(error["field"].get<std::string>());
    return fields;
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  Headers admin_, staff_, firm_;
  std::string uscc_, org_name_;
};

TEST_F(Registrations, ABadRequestSaysEachFaultAtItsFieldAndKeepsNothing) {
  Json wrong = application("newfirm");
  wrong["uscc"] = "91310105MA1FL4XX7K";
  wrong["password"] = "short";
  wrong["contact_phone"] = "call me";
  wrong["contact_name"] = "";
  Response refused = apply(wrong);
  ASSERT_EQ(refused.status, 422) << refused.body;
  const Json problem = json_of(refused);
  EXPECT_EQ(fields_at_fault(problem), (std::set<std::string>{"uscc", "password", "contact_phone", "contact_name"}));
  for (const Json& error : problem["errors"]) {
    if (error["field"] == "uscc") {
      EXPECT_NE(error["message_zh"].get<std::string>().find("营业执照"), std::string::npos);
    }
  }

  Json typed = application("newfirm");
  typed["contact_phone"] = 13800135678;
  typed["role"] = "admin";
  Response mistyped = apply(typed);
  ASSERT_EQ(mistyped.status, 422) << mistyped.body;
  EXPECT_EQ(fields_at_fault(json_of(mistyped)), (std::set<std::string>{"contact_phone", "role"}));
  EXPECT_EQ(request(port(), "POST", "/api/v1/registrations", "{\"username\":", {}).status, 400);
  EXPECT_EQ(request(port(), "POST", "/api/v1/registrations", "[1, 2]", {}).status, 400);
  EXPECT_EQ(registrations(), 0);
  EXPECT_EQ(sign_in("newfirm").status, 401);
}

TEST_F(Registrations, ARequestOpensNothingUntilStaffApproveIt) {
  Response submitted = apply(application("newfirm"));
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const Json made = json_of(submitted);
  EXPECT_EQ(made["status"], "pending");
  EXPECT_EQ(made["organization"]["name"], org_name_);
  EXPECT_EQ(made["contact_phone"], "138****5678") << "the answer masks the contact too";

  Response waiting = sign_in("newfirm");
  EXPECT_EQ(waiting.status, 403) << waiting.body;
  EXPECT_NE(json_of(waiting)["detail"].get<std::string>().find("等待"), std::string::npos);
  EXPECT_EQ(sign_in("newfirm", "not-the-password-at-all").status, 401) << "only the right password learns more";
  EXPECT_EQ(apply(application("newfirm")).status, 409) << "one waiting request per name";
  EXPECT_EQ(apply(application("commission")).status, 409) << "a user's name";

  const Json listed = json_of(request(port(), "GET", "/api/v1/registrations?status=pending", "", staff_));
  ASSERT_EQ(listed["total"], 1);
  EXPECT_EQ(listed["items"][0]["contact_name"], "张**");
  EXPECT_EQ(listed["items"][0]["contact_phone"], "138****5678");
  EXPECT_EQ(listed["items"][0]["accounts_of_organization"], 0);
  const std::string id = made["id"].get<std::string>();
  const Json full = json_of(request(port(), "GET", "/api/v1/registrations/" + id, "", staff_));
  EXPECT_EQ(full["contact_phone"], "13800135678");
  const Json audit =
      json_of(request(port(), "GET", "/api/v1/audit?resource=registrations&action=read_contact", "", admin_));
  ASSERT_EQ(audit["total"], 1);
  EXPECT_EQ(audit["items"][0]["actor"], "commission");

  EXPECT_EQ(request(port(), "GET", "/api/v1/registrations", "", {kAnonymousMarker}).status, 401);
  EXPECT_EQ(request(port(), "GET", "/api/v1/registrations", "", firm_).status, 403);
  EXPECT_EQ(request(port(), "POST", "/api/v1/registrations/" + id + "/approve", "", firm_).status, 403);

  Response approved = request(port(), "POST", "/api/v1/registrations/" + id + "/approve", "", staff_);
  ASSERT_EQ(approved.status, 200) << approved.body;
  const Json decided = json_of(approved);
  EXPECT_EQ(decided["status"], "approved");
  EXPECT_TRUE(decided["contact_name"].is_null() && decided["contact_phone"].is_null()) << "erased by the decision";
  EXPECT_TRUE(json_of(request(port(), "GET", "/api/v1/registrations/" + id, "", staff_))["contact_phone"].is_null());

  Response signed_in = sign_in("newfirm");
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_EQ(json_of(signed_in)["user"]["role"], "enterprise");
  EXPECT_EQ(json_of(signed_in)["user"]["org_id"], "demo-org-0009");
  Response again = request(port(), "POST", "/api/v1/registrations/" + id + "/approve", "", staff_);
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(json_of(again)["detail"].get<std::string>().find("approved"), std::string::npos);
  EXPECT_EQ(
      json_of(request(port(), "GET", "/api/v1/registrations", "", staff_))["items"][0]["accounts_of_organization"], 1);
}

TEST_F(Registrations, ARejectionSaysWhyAndTheNameMayAskAgain) {
  const std::string id = json_of(apply(application("newfirm")))["id"].get<std::string>();
  const std::string reject = "/api/v1/registrations/" + id + "/reject";
  Response unexplained = post_json(port(), reject, {{"reason", ""}}, staff_);
  ASSERT_EQ(unexplained.status, 422) << unexplained.body;
  EXPECT_EQ(fields_at_fault(json_of(unexplained)), std::set<std::string>{"reason"});
  EXPECT_EQ(post_json(port(), reject, {{"reason", 7}}, staff_).status, 422);

  Response rejected = post_json(port(), reject, {{"reason", "电话核实非本企业员工"}}, staff_);
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(json_of(rejected)["reason"], "电话核实非本企业员工");
  Response told = sign_in("newfirm");
  EXPECT_EQ(told.status, 403);
  EXPECT_NE(json_of(told)["detail"].get<std::string>().find("电话核实非本企业员工"), std::string::npos);
  EXPECT_EQ(request(port(), "POST", "/api/v1/registrations/" + id + "/approve", "", staff_).status, 409);
  EXPECT_EQ(request(port(), "POST", "/api/v1/registrations/no-such/approve", "", staff_).status, 404);

  EXPECT_EQ(apply(application("newfirm")).status, 201) << "a rejected name may ask again";
  EXPECT_EQ(json_of(request(port(), "GET", "/api/v1/registrations?status=rejected", "", staff_))["total"], 1);
  EXPECT_EQ(request(port(), "GET", "/api/v1/registrations?status=lost", "", staff_).status, 400);
}

TEST_F(Registrations, OneAddressMayAskFiveTimesAnHour) {
  for (int n = 0; n < 5; ++n) ASSERT_EQ(apply(application("firm" + std::to_string(n))).status, 201);
  Response limited = apply(application("firm5"));
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(limited.header("retry-after"), "3600");
  EXPECT_EQ(registrations(), 5);
}

}  // namespace
}  // namespace alley::testing
