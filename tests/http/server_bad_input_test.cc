// Hostile and careless input: each gets a clear 4xx, changes nothing, and the
// server keeps answering everyone else.

#include <gtest/gtest.h>

#include <thread>

#include "support/api_test.h"

namespace alley::testing {
namespace {

class BadInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    server_ = new ServerProcess({"--db", dir_->db_url(), "--request-timeout-ms", "1500"});
    ASSERT_EQ(post_json(server_->port(), "/api/v1/places",
                        {{"id", "p1"}, {"name", "新微智谷"}, {"source", "t"}, {"type", "carrier"}})
                  .status,
              201);
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  void TearDown() override {
    // Whatever the test sent, nothing was written and the server still serves.
    EXPECT_EQ(total_of(port(), "organizations"), 0);
    EXPECT_EQ(total_of(port(), "places"), 1);
    EXPECT_EQ(request(port(), "GET", "/healthz").status, 200);
  }
  static int port() { return server_->port(); }

  // Asserts a problem+json answer with `status` and returns its body.
  static Json expect_problem(const Response& response, int status) {
    EXPECT_EQ(response.status, status) << response.body;
    EXPECT_EQ(response.header("content-type"), "application/problem+json; charset=utf-8");
    Json problem = json_of(response);
    EXPECT_EQ(problem["status"], status);
    EXPECT_FALSE(problem.value("detail", "").empty());
    return problem;
  }

  static TempDir* dir_;
  static ServerProcess* server_;
};

TempDir* BadInput::dir_ = nullptr;
ServerProcess* BadInput::server_ = nullptr;

std::vector<std::string> error_fields(const Json& problem) {
  std::vector<std::string> fields;
  for (const Json& error : problem.value("errors", Json::array())) fields.push_back(error["field"]);
  return fields;
}

TEST_F(BadInput, MalformedJson) {
  expect_problem(request(port(), "POST", "/api/v1/organizations", R"({"name": "甲", )"), 400);
  expect_problem(request(port(), "POST", "/api/v1/organizations", "\xFF\xFE{}"), 400);
  expect_problem(request(port(), "POST", "/api/v1/organizations", "", {{"Content-Type", "application/json"}}), 400);
}

TEST_F(BadInput, WrongTypes) {
  Json problem = expect_problem(post_json(port(), "/api/v1/organizations",
                                          {{"name", 42},
                                           {"source", "t"},
                                           {"kind", "enterprise"},
                                           {"employees", "many"},
                                           {"sectors", "集成电路"},
                                           {"high_growth", "yes"}}),
                                422);
  auto fields = error_fields(problem);
  for (const char* field : {"name", "employees", "sectors", "high_growth"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end()) << field;
  }
  expect_problem(post_json(port(), "/api/v1/organizations", Json::array({1, 2})), 422);
}

TEST_F(BadInput, UnknownFields) {
  Json problem = expect_problem(post_json(port(), "/api/v1/organizations",
                                          {{"name", "甲"}, {"source", "t"}, {"kind", "enterprise"}, {"revenue", 1}}),
                                422);
  EXPECT_EQ(error_fields(problem), std::vector<std::string>{"revenue"});
}

TEST_F(BadInput, InvalidUscc) {
  Json problem = expect_problem(
      post_json(port(), "/api/v1/organizations",
                {{"name", "甲"}, {"source", "t"}, {"kind", "enterprise"}, {"uscc", "91350100M000100Y44"}}),
      422);
  EXPECT_EQ(error_fields(problem), std::vector<std::string>{"uscc"});
  EXPECT_NE(problem["errors"][0]["message"].get<std::string>().find("校验位"), std::string::npos);
}

TEST_F(BadInput, TenMegabyteBody) {
  const std::string huge = R"({"name": ")" + std::string(10 << 20, 'x') + R"(", "source": "t", "kind": "enterprise"})";
  Response response = request(port(), "POST", "/api/v1/organizations", huge);
  expect_problem(response, 413);
}

TEST_F(BadInput, DeeplyNestedJson) {
  const std::string nested = std::string(200000, '[') + std::string(200000, ']');
  Response response = request(port(), "POST", "/api/v1/organizations", nested);
  EXPECT_GE(response.status, 400);
  EXPECT_LT(response.status, 500);
}

TEST_F(BadInput, IdsWithPathCharacters) {
  expect_problem(request(port(), "GET", "/api/v1/places/..%2F..%2Fetc%2Fpasswd"), 400);
  expect_problem(request(port(), "GET", "/api/v1/places/..%5Cwin"), 400);
  expect_problem(request(port(), "GET", "/api/v1/places/p1%00"), 400);
  expect_problem(request(port(), "GET", "/api/v1/places/P1.json"), 404);
  expect_problem(request(port(), "GET", "/api/v1/places/../places/p1"), 404);
  Json problem = expect_problem(post_json(port(), "/api/v1/organizations",
                                          {{"id", "../x"}, {"name", "甲"}, {"source", "t"}, {"kind", "enterprise"}}),
                                422);
  EXPECT_EQ(error_fields(problem), std::vector<std::string>{"id"});
}

TEST_F(BadInput, WrongMethodsPathsAndContentTypes) {
  Response wrong = request(port(), "PUT", "/api/v1/places/p1", "{}");
  expect_problem(wrong, 405);
  EXPECT_EQ(wrong.header("allow"), "GET, PATCH, DELETE");
  expect_problem(request(port(), "GET", "/api/v1/nothing-here"), 404);
  expect_problem(request(port(), "POST", "/api/v1/organizations", "name=x", {{"Content-Type", "text/plain"}}), 415);
}

TEST_F(BadInput, BadQueryParameters) {
  expect_problem(request(port(), "GET", "/api/v1/organizations?limit=0"), 400);
  expect_problem(request(port(), "GET", "/api/v1/organizations?limit=abc"), 400);
  expect_problem(request(port(), "GET", "/api/v1/organizations?cursor=zzz"), 400);
  expect_problem(request(port(), "GET", "/api/v1/organizations?sort=revenue;drop"), 400);
  expect_problem(request(port(), "GET", "/api/v1/organizations?colour=red"), 400);
  expect_problem(request(port(), "GET", "/api/v1/organizations?kind=cooperative"), 400);
  expect_problem(request(port(), "GET", "/api/v1/organizations?q=%E7%A1"), 400);
  expect_problem(request(port(), "GET", "/api/v1/organizations?lang=fr"), 400);
}

TEST_F(BadInput, BadIfMatch) {
  expect_problem(request(port(), "PATCH", "/api/v1/places/p1", R"({"address": "x"})", {{"If-Match", "yesterday"}}),
                 400);
  expect_problem(request(port(), "PATCH", "/api/v1/places/p1", R"({"address": "x"})", {{"If-Match", "\"99\""}}), 412);
}

TEST_F(BadInput, ReferenceToNothing) {
  Json problem =
      expect_problem(post_json(port(), "/api/v1/organizations",
                               {{"name", "甲"}, {"source", "t"}, {"kind", "enterprise"}, {"place_id", "nowhere"}}),
                     422);
  EXPECT_EQ(error_fields(problem), std::vector<std::string>{"place_id"});
}

TEST_F(BadInput, GarbageInsteadOfHttp) {
  bool closed = false;
  Response response = parse_response(raw_exchange(port(), "HELLO THERE\r\n\r\n", std::chrono::seconds(5), closed));
  EXPECT_EQ(response.status, 400);
  EXPECT_TRUE(closed);
}

TEST_F(BadInput, SlowClientIsCutOffWhileOthersAreServed) {
  std::atomic<bool> slow_closed{false};
  std::string slow_answer;
  const auto started = std::chrono::steady_clock::now();
  std::thread slow([&] {
    bool closed = false;
    // Headers never finish: no blank line ever comes.
    slow_answer = raw_exchange(port(), "POST /api/v1/organizations HTTP/1.1\r\nHost: x\r\nContent-Le",
                               std::chrono::seconds(10), closed);
    slow_closed = closed;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(request(port(), "GET", "/healthz").status, 200);
  slow.join();
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_TRUE(slow_closed.load());
  EXPECT_LT(waited, std::chrono::seconds(8));
  EXPECT_TRUE(slow_answer.empty()) << slow_answer;
}

TEST_F(BadInput, BodyThatNeverArrives) {
  bool closed = false;
  std::string answer =
      raw_exchange(port(),
                   "POST /api/v1/organizations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                   "Content-Length: 100\r\n\r\n{\"name\":",
                   std::chrono::seconds(10), closed);
  EXPECT_TRUE(closed);
  EXPECT_TRUE(answer.empty()) << answer;
}

}  // namespace
}  // namespace alley::testing
