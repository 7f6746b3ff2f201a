// Sessions, CSRF, tokens, the password policy, brute force and the audit log,
// through the real server.

#include <gtest/gtest.h>

#include "support/api_test.h"

namespace alley::testing {
namespace {

class Accounts : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_alley({"init", "--db", dir_.db_url()}).exit_code, 0);
    CommandResult added = run_alley({"user", "add", "wang", "--role", "department", "--department",
                                     "science-tech-commission", "--db", dir_.db_url()});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    password_ = added.out.substr(added.out.find("password ") + 9);
    password_ = password_.substr(0, password_.find(' '));
    // As behind the proxy of docs/DEPLOY.md, which says whether the client came over TLS.
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", dir_.db_url(), "--trusted-proxy", "127.0.0.1"});
  }
  Response sign_in(const std::string& user, const std::string& password, const std::string& from = "") {
    Headers headers = {kAnonymousMarker};
    if (!from.empty()) headers.push_back({"X-Forwarded-Proto", from});
    return post_json(server_->port(), "/api/v1/session", {{"username", user}, {"password", password}}, headers);
  }
  static std::string cookie_of(const Response& response) {
    const std::string set = response.header("set-cookie");
    return set.substr(0, set.find(';'));
  }
  TempDir dir_;
  std::string password_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(Accounts, OnlyATrustedProxySaysTheClientCameOverTls) {
  ServerProcess direct({"--db", dir_.db_url()});
  Response signed_in = post_json(direct.port(), "/api/v1/session", {{"username", "wang"}, {"password", password_}},
                                 {kAnonymousMarker, {"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_EQ(signed_in.header("set-cookie").find("Secure"), std::string::npos) << "anyone may send the header";
}

TEST_F(Accounts, SessionCookieAndCsrf) {
  Response signed_in = sign_in("wang", password_);
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  const std::string set_cookie = signed_in.header("set-cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Lax"), std::string::npos);
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos);
  EXPECT_NE(cookie_of(sign_in("wang", password_, "https")).empty(), true);
  EXPECT_NE(sign_in("wang", password_, "https").header("set-cookie").find("Secure"), std::string::npos);
  const std::string cookie = cookie_of(signed_in);
  const std::string csrf = json_of(signed_in)["csrf_token"];

  Json me = json_of(request(server_->port(), "GET", "/api/v1/session", "", {{"Cookie", cookie}}));
  EXPECT_EQ(me["user"]["username"], "wang");
  EXPECT_EQ(me["csrf_token"], csrf);

  const Json body = {{"name", "新空间"}, {"source", "t"}, {"type", "building"}};
  Response forged = request(server_->port(), "POST", "/api/v1/places", body.dump(), {{"Cookie", cookie}});
  EXPECT_EQ(forged.status, 403) << "a cookie alone must not be enough to write";
  Response genuine =
      request(server_->port(), "POST", "/api/v1/places", body.dump(), {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(genuine.status, 201) << genuine.body;

  Response audit = request(server_->port(), "GET", "/api/v1/audit?resource=places&actor=wang");
  EXPECT_EQ(json_of(audit)["total"], 1);
  EXPECT_EQ(json_of(audit)["items"][0]["after"]["name"], "新空间");
  // The log is append-only: there is no way to change or delete an entry.
  EXPECT_EQ(request(server_->port(), "DELETE", "/api/v1/audit").status, 405);
  EXPECT_EQ(request(server_->port(), "PATCH", "/api/v1/audit", "{}").status, 405);
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/audit?limit=5x").status, 400) << "paged like every list";
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/audit?cursor=12").status, 400)
      << "only cursors the server gave out";

  EXPECT_EQ(request(server_->port(), "DELETE", "/api/v1/session", "", {{"Cookie", cookie}}).status, 204);
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/session", "", {{"Cookie", cookie}}).status, 401);
}

TEST_F(Accounts, WrongPasswordsAreThrottled) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(sign_in("wang", "wrong-password-" + std::to_string(i)).status, 401);
  Response locked = sign_in("wang", password_);
  EXPECT_EQ(locked.status, 429) << "even the right password waits out the lock";
  EXPECT_EQ(locked.header("retry-after"), "900");
  // An unknown name gets the same answer as a wrong password.
  Response unknown = sign_in("nobody", "whatever-123456");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(json_of(unknown)["detail"], json_of(sign_in("admin", "wrong-password-9"))["detail"]);
}

TEST_F(Accounts, ManyNamesFromOneAddressAreThrottledToo) {
  for (int i = 0; i < 20; ++i) sign_in("guess" + std::to_string(i), "wrong-password-1");
  EXPECT_EQ(sign_in("wang", password_).status, 429);
}

TEST_F(Accounts, PasswordPolicyAndUserManagement) {
  Response weak =
      post_json(server_->port(), "/api/v1/users", {{"username", "li"}, {"role", "admin"}, {"password", "short1"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(json_of(weak)["errors"][0]["field"], "password");
  Response common = post_json(server_->port(), "/api/v1/users",
                              {{"username", "li"}, {"role", "admin"}, {"password", "Password1234"}});
  EXPECT_EQ(common.status, 422);
  EXPECT_NE(json_of(common)["errors"][0]["message"].get<std::string>().find("too common"), std::string::npos);
  // Ten Chinese characters are a fine password (the length is counted in characters).
  Response chinese = post_json(server_->port(), "/api/v1/users",
                               {{"username", "zhao"}, {"role", "admin"}, {"password", "硅巷创新街区真的很美"}});
  EXPECT_EQ(chinese.status, 201) << chinese.body;
  EXPECT_EQ(sign_in("zhao", "硅巷创新街区真的很美").status, 200);
  Response made =
      post_json(server_->port(), "/api/v1/users",
                {{"username", "li"}, {"role", "enterprise"}, {"org_id", "qst"}, {"password", "a-good-passw0rd"}});
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(sign_in("li", "a-good-passw0rd").status, 200);
  const std::string id = json_of(made)["id"];
  EXPECT_EQ(request(server_->port(), "PATCH", "/api/v1/users/" + id, R"({"disabled": true})").status, 200);
  EXPECT_EQ(sign_in("li", "a-good-passw0rd").status, 401);
}

TEST_F(Accounts, TokensCanBeRevoked) {
  Response signed_in = sign_in("wang", password_);
  const Headers session = {{"Cookie", cookie_of(signed_in)}, {"X-CSRF-Token", json_of(signed_in)["csrf_token"]}};
  Response made = request(server_->port(), "POST", "/api/v1/tokens", R"({"name": "script"})", session);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string bearer = "Bearer " + json_of(made)["token"].get<std::string>();
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/session", "", {{"Authorization", bearer}}).status, 200);
  Json tokens = json_of(request(server_->port(), "GET", "/api/v1/tokens", "", session));
  ASSERT_EQ(tokens["items"].size(), 1u);
  EXPECT_FALSE(tokens["items"][0].contains("token")) << "a token's secret is shown once only";
  const std::string id = tokens["items"][0]["id"];
  EXPECT_EQ(request(server_->port(), "DELETE", "/api/v1/tokens/" + id, "", session).status, 204);
  Response revoked = request(server_->port(), "GET", "/api/v1/session", "", {{"Authorization", bearer}});
  EXPECT_EQ(revoked.status, 401);
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/places", "", {{"Authorization", "Bearer nonsense"}}).status, 401);
}

TEST_F(Accounts, InitPrintsTheAdminPasswordOnceAndItWorks) {
  TempDir other;
  CommandResult first = run_alley({"init", "--db", other.db_url()});
  ASSERT_EQ(first.exit_code, 0);
  const std::size_t at = first.out.find("password ");
  ASSERT_NE(at, std::string::npos) << first.out;
  const std::string password = first.out.substr(at + 9, first.out.find('\n', at) - at - 9);
  CommandResult second = run_alley({"init", "--db", other.db_url()});
  EXPECT_EQ(second.out.find("password"), std::string::npos) << "never shown twice";
  ServerProcess server({"--db", other.db_url()});
  Response signed_in =
      post_json(server.port(), "/api/v1/session", {{"username", "admin"}, {"password", password}}, {kAnonymousMarker});
  EXPECT_EQ(signed_in.status, 200) << signed_in.body;
}

}  // namespace
}  // namespace alley::testing
