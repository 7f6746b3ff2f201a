// The sign-in throttle counts failures per client address. Behind a reverse
// proxy that address comes from X-Forwarded-For, but only when the proxy is
// trusted (`alley serve --trusted-proxy`); from anyone else the header is a
// forgery and is ignored.

#include <gtest/gtest.h>

#include "support/api_test.h"

namespace alley::testing {
namespace {

class TrustedProxy : public ::testing::Test {
 protected:
  void SetUp() override {
    CommandResult added = run_alley({"user", "add", "li", "--role", "admin", "--db", dir_.db_url()});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    password_ = added.out.substr(added.out.find("password ") + 9);
    password_ = password_.substr(0, password_.find(' '));
  }
  static Response sign_in(int port, const std::string& user, const std::string& password,
                          const std::string& forwarded_for) {
    return post_json(port, "/api/v1/session", {{"username", user}, {"password", password}},
                     {kAnonymousMarker, {"X-Forwarded-For", forwarded_for}});
  }
  // Enough wrong passwords, under as many names, to lock out one address.
  static void fail_from(int port, const std::string& forwarded_for) {
    for (int i = 0; i < 20; ++i) {
      EXPECT_EQ(sign_in(port, "guess" + std::to_string(i), "wrong-password-1", forwarded_for).status, 401);
    }
  }
  TempDir dir_;
  std::string password_;
};

TEST_F(TrustedProxy, WithoutOneAForgedHeaderDoesNotEscapeTheThrottle) {
  ServerProcess server({"--db", dir_.db_url()});
  fail_from(server.port(), "203.0.113.7");
  Response locked = sign_in(server.port(), "li", password_, "203.0.113.8");
  EXPECT_EQ(locked.status, 429) << "every request came from 127.0.0.1, whatever the header says";
  EXPECT_EQ(locked.header("retry-after"), "900");
}

TEST_F(TrustedProxy, BehindOneEachClientHasItsOwnThrottle) {
  // Repeatable: a network and an address.
  ServerProcess server({"--db", dir_.db_url(), "--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "127.0.0.1"});
  fail_from(server.port(), "203.0.113.7");
  EXPECT_EQ(sign_in(server.port(), "li", password_, "203.0.113.7").status, 429) << "the guessing client is locked";
  // The proxy appends the address it was reached from; what a client writes
  // further left is not believed.
  EXPECT_EQ(sign_in(server.port(), "li", password_, "203.0.113.8, 203.0.113.7").status, 429);
  EXPECT_EQ(sign_in(server.port(), "li", password_, "203.0.113.8").status, 200) << "another client is not";
}

TEST_F(TrustedProxy, ABadAddressIsAUsageError) {
  for (const char* bad : {"proxy.example", "10.0.0.0/33", "10.1.0.0/8", ""}) {
    CommandResult refused = run_alley({"serve", "--db", dir_.db_url(), "--port", "0", "--trusted-proxy", bad});
    EXPECT_EQ(refused.exit_code, 2) << bad;
    EXPECT_NE(refused.err.find("--trusted-proxy"), std::string::npos) << refused.err;
    EXPECT_EQ(refused.err.find('\n'), refused.err.size() - 1) << "one line: " << refused.err;
  }
}

}  // namespace
}  // namespace alley::testing
