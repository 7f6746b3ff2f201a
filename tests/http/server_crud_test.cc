// The real server over HTTP: the life of a record, and what survives a restart.

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "support/api_test.h"

namespace alley::testing {
namespace {

const Json kEnterprise = {{"name", "上海矽睿科技股份有限公司"},
                          {"name_en", "QST"},
                          {"source", "integration test"},
                          {"kind", "enterprise"},
                          {"sectors", {"集成电路"}},
                          {"employees", 200},
                          {"uscc", "91350100M000100Y43"}};

TEST(ServerCrud, RoundTripWithEtags) {
  TempDir dir;
  ServerProcess server({"--db", dir.db_url()});
  const int port = server.port();

  Response created = post_json(port, "/api/v1/organizations", kEnterprise);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("etag"), "\"1\"");
  const std::string id = json_of(created)["id"];
  EXPECT_EQ(created.header("location"), "/api/v1/organizations/" + id);

  Response read = request(port, "GET", "/api/v1/organizations/" + id);
  ASSERT_EQ(read.status, 200);
  Json record = json_of(read);
  EXPECT_EQ(record["name"], kEnterprise["name"]);
  EXPECT_EQ(record["sectors"], kEnterprise["sectors"]);
  EXPECT_EQ(record["synthetic"], false);

  Response changed = patch_json(port, "/api/v1/organizations/" + id, {{"employees", 250}}, read.header("etag"));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.header("etag"), "\"2\"");

  // A second writer still holding version 1 must not overwrite the change.
  Response stale = patch_json(port, "/api/v1/organizations/" + id, {{"employees", 1}}, read.header("etag"));
  EXPECT_EQ(stale.status, 412) << stale.body;
  EXPECT_EQ(stale.header("content-type"), "application/problem+json; charset=utf-8");
  EXPECT_EQ(json_of(request(port, "GET", "/api/v1/organizations/" + id))["employees"], 250);

  Response blind = request(port, "PATCH", "/api/v1/organizations/" + id, R"({"employees": 3})");
  EXPECT_EQ(blind.status, 428);

  Response deleted = request(port, "DELETE", "/api/v1/organizations/" + id);
  EXPECT_EQ(deleted.status, 204);
  EXPECT_EQ(request(port, "GET", "/api/v1/organizations/" + id).status, 410);
  EXPECT_EQ(total_of(port, "organizations"), 0);
}

TEST(ServerCrud, WritesSurviveARestart) {
  TempDir dir;
  std::string id;
  {
    ServerProcess server({"--db", dir.db_url()});
    Response created = post_json(server.port(), "/api/v1/organizations", kEnterprise);
    ASSERT_EQ(created.status, 201);
    id = json_of(created)["id"];
    EXPECT_EQ(server.stop(), 0);
  }
  ServerProcess again({"--db", dir.db_url()});
  Response read = request(again.port(), "GET", "/api/v1/organizations/" + id);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(json_of(read)["uscc"], kEnterprise["uscc"]);
}

TEST(ServerCrud, AcknowledgedWritesSurviveSigkillMidLoad) {
  TempDir dir;
  std::mutex mutex;
  std::vector<std::string> acknowledged;
  {
    ServerProcess server({"--db", dir.db_url()});
    std::atomic<bool> running{true};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
      writers.emplace_back([&, w] {
        for (int i = 0; running; ++i) {
          Json body = {
              {"name", "企业" + std::to_string(w) + "-" + std::to_string(i)}, {"source", "t"}, {"kind", "enterprise"}};
          try {
            Response created = post_json(server.port(), "/api/v1/organizations", body);
            if (created.status != 201) continue;  // cut off mid-answer: not acknowledged
            std::lock_guard lock(mutex);
            acknowledged.push_back(json_of(created)["id"]);
          } catch (const std::exception&) {
            return;  // the server is gone
          }
        }
      });
    }
    while (true) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      std::lock_guard lock(mutex);
      if (acknowledged.size() >= 150) break;
    }
    server.kill_hard();  // SIGKILL while the writers are still sending
    running = false;
    for (std::thread& writer : writers) writer.join();
  }
  ServerProcess again({"--db", dir.db_url()});
  for (const std::string& id : acknowledged) {
    EXPECT_EQ(request(again.port(), "GET", "/api/v1/organizations/" + id).status, 200) << id << " was acknowledged";
  }
  EXPECT_GE(total_of(again.port(), "organizations"), std::int64_t(acknowledged.size()));
}

TEST(ServerCrud, PagesWithCursors) {
  TempDir dir;
  ServerProcess server({"--db", dir.db_url()});
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(post_json(server.port(), "/api/v1/departments",
                        {{"id", "d" + std::to_string(i)}, {"name", "部门"}, {"source", "t"}, {"kind", "department"}})
                  .status,
              201);
  }
  std::set<std::string> seen;
  std::string target = "/api/v1/departments?limit=2&sort=-id";
  int pages = 0;
  while (true) {
    Json page = json_of(request(server.port(), "GET", target));
    EXPECT_EQ(page["total"], 5);
    for (const Json& item : page["items"]) seen.insert(item["id"].get<std::string>());
    ++pages;
    if (page["next"].is_null()) break;
    target = "/api/v1/departments?limit=2&sort=-id&cursor=" + page["next"].get<std::string>();
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), 5u);

  // Numbered pages: page 3 of 2 a page starts 4 records in.
  Json third = json_of(request(server.port(), "GET", "/api/v1/departments?limit=2&sort=-id&offset=4"));
  ASSERT_EQ(third["items"].size(), 1u);
  EXPECT_EQ(third["items"][0]["id"], "d0");
  EXPECT_TRUE(third["next"].is_null());
  const Json second = json_of(request(server.port(), "GET", "/api/v1/departments?limit=2&sort=-id&offset=2"));
  EXPECT_EQ(second["items"][0]["id"], "d2");
  EXPECT_FALSE(second["next"].is_null());
  for (const char* bad : {"-1", "two", "1.5", "99999999999"}) {
    Response refused = request(server.port(), "GET", std::string("/api/v1/departments?offset=") + bad);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_EQ(json_of(refused)["errors"][0]["field"], "offset") << bad;
  }
}

TEST(ServerCrud, PipelineMovesWithDatedHistory) {
  TempDir dir;
  ServerProcess server({"--db", dir.db_url()});
  Json body = kEnterprise;
  body["pipeline_status"] = "target";
  const std::string id = json_of(post_json(server.port(), "/api/v1/organizations", body))["id"];
  const std::string path = "/api/v1/organizations/" + id + "/pipeline";
  EXPECT_EQ(post_json(server.port(), path, {{"status", "landed"}}).status, 422);
  EXPECT_EQ(post_json(server.port(), path, {{"status", "negotiating"}, {"date", "2025-01-10"}}).status, 200);
  Json history = json_of(request(server.port(), "GET", path));
  EXPECT_EQ(history["pipeline_status"], "negotiating");
  ASSERT_EQ(history["history"].size(), 2u);
  EXPECT_EQ(history["history"][1]["occurred_on"], "2025-01-10");
  // Only the pipeline endpoint changes the status.
  Response read = request(server.port(), "GET", "/api/v1/organizations/" + id);
  EXPECT_EQ(
      patch_json(server.port(), "/api/v1/organizations/" + id, {{"pipeline_status", "landed"}}, read.header("etag"))
          .status,
      422);
}

TEST(ServerCrud, ServesThePackAsGeoJson) {
  TempDir dir;
  ASSERT_EQ(run_alley({"init", "--db", dir.db_url()}).exit_code, 0);
  ServerProcess server({"--db", dir.db_url()});
  Response places = request(server.port(), "GET", "/api/v1/places.geojson");
  ASSERT_EQ(places.status, 200);
  EXPECT_EQ(places.header("content-type"), "application/geo+json; charset=utf-8");
  Json collection = json_of(places);
  EXPECT_EQ(collection["type"], "FeatureCollection");
  ASSERT_GE(collection["features"].size(), 30u);
  for (const Json& feature : collection["features"]) {
    EXPECT_EQ(feature["geometry"]["type"], "Point");
    EXPECT_TRUE(feature["properties"].contains("geo_quality"));
    EXPECT_TRUE(feature["properties"].contains("source"));
  }
  Json areas = json_of(request(server.port(), "GET", "/api/v1/areas.geojson?kind=district"));
  ASSERT_EQ(areas["features"].size(), 1u);
  EXPECT_EQ(areas["features"][0]["geometry"]["type"], "Polygon");

  Json metro = json_of(request(server.port(), "GET", "/api/v1/places.geojson?type=metro_station"));
  Json shifted = json_of(request(server.port(), "GET", "/api/v1/places.geojson?type=metro_station&datum=GCJ-02"));
  ASSERT_EQ(metro["features"].size(), shifted["features"].size());
  const double d_lon = shifted["features"][0]["geometry"]["coordinates"][0].get<double>() -
                       metro["features"][0]["geometry"]["coordinates"][0].get<double>();
  EXPECT_NEAR(d_lon, 0.0046, 0.0005);
  EXPECT_EQ(request(server.port(), "GET", "/api/v1/places.geojson?datum=mars").status, 400);

  // Search, in either script, and answers converted for zh-Hant readers.
  Json chips = json_of(request(server.port(), "GET", "/api/v1/search?q=%E8%8A%AF%E7%89%87"));  // 芯片
  EXPECT_EQ(chips["total"], 0) << "the pack alone names no chip firm";
  Json innovation = json_of(request(server.port(), "GET", "/api/v1/search?q=%E5%89%B5%E6%96%B0"));  // 創新
  EXPECT_GT(innovation["total"].get<int>(), 3);
  EXPECT_EQ(innovation["query"], "创新");
  Response hant = request(server.port(), "GET", "/api/v1/areas/district?lang=zh-Hant");
  EXPECT_EQ(json_of(hant)["name"], "上海硅巷科創街區");
  EXPECT_EQ(hant.header("content-language"), "zh-Hant");
  // Each region's own forms: 臺 in Taiwan, 台 in Hong Kong.
  const std::string platforms = "/api/v1/kpis/kpi-functional-platforms";
  ASSERT_EQ(json_of(request(server.port(), "GET", platforms))["name"], "创新功能性平台");
  EXPECT_EQ(json_of(request(server.port(), "GET", platforms + "?lang=zh-Hant-TW"))["name"], "創新功能性平臺");
  Response hong_kong = request(server.port(), "GET", platforms + "?lang=zh-Hant-HK");
  EXPECT_EQ(hong_kong.header("content-language"), "zh-Hant-HK");
  EXPECT_EQ(json_of(hong_kong)["name"], "創新功能性平台");
  EXPECT_EQ(request(server.port(), "GET", "/api/v1/search").status, 400);
  EXPECT_EQ(request(server.port(), "GET", "/api/v1/search?q=%21%21").status, 400);

  Json health = json_of(request(server.port(), "GET", "/healthz"));
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["pack"], "silicon-alley");
}

}  // namespace
}  // namespace alley::testing

namespace alley::testing {
namespace {

TEST(Policies, RulesAreKeptInBothFormsAndCheckedOnWrite) {
  TempDir dir;
  ASSERT_EQ(run_alley({"init", "--db", dir.db_url()}).exit_code, 0);
  ServerProcess server({"--db", dir.db_url()});
  Response from_logic =
      post_json(server.port(), "/api/v1/policies",
                {{"id", "p-logic"},
                 {"name", "测试政策"},
                 {"source", "t"},
                 {"rule_jsonlogic",
                  {{"and", {{{"<=", {{{"var", "employees"}}, 300}}}, {{"in", {"人工智能", {{"var", "sectors"}}}}}}}}}});
  ASSERT_EQ(from_logic.status, 201) << from_logic.body;
  EXPECT_EQ(json_of(from_logic)["rule"], R"(employees <= 300 and sectors contains "人工智能")");
  Response from_text = post_json(server.port(), "/api/v1/policies",
                                 {{"name", "测试政策"}, {"source", "t"}, {"rule", "rd_ratio >= 0.05"}});
  ASSERT_EQ(from_text.status, 201);
  EXPECT_EQ(json_of(from_text)["rule_jsonlogic"],
            Json::parse(R"({"and": [{"!==": [{"var": "rd_ratio"}, null]}, {">=": [{"var": "rd_ratio"}, 0.05]}]})"));
  Response broken =
      post_json(server.port(), "/api/v1/policies", {{"name", "测试政策"}, {"source", "t"}, {"rule", "employees <="}});
  ASSERT_EQ(broken.status, 422);
  EXPECT_EQ(json_of(broken)["errors"][0]["field"], "rule");
  EXPECT_NE(json_of(broken)["errors"][0]["message"].get<std::string>().find("line 1, column 13"), std::string::npos);
  Json pack = json_of(request(server.port(), "GET", "/api/v1/policies?limit=100"));
  EXPECT_GE(pack["total"].get<int>(), 12);
}

}  // namespace
}  // namespace alley::testing

namespace alley::testing {
namespace {

TEST(Policies, MatchesAndExplanationsOverHttp) {
  TempDir dir;
  ASSERT_EQ(run_alley({"init", "--db", dir.db_url(), "--demo"}).exit_code, 0);
  ServerProcess server({"--db", dir.db_url()});
  ASSERT_EQ(post_json(server.port(), "/api/v1/policies",
                      {{"id", "p-ai"},
                       {"name", "人工智能企业扶持"},
                       {"source", "t"},
                       {"rule", R"(sectors contains "人工智能" and employees <= 300)"}})
                .status,
            201);
  Json matches = json_of(request(server.port(), "GET", "/api/v1/policies/p-ai/matches"));
  ASSERT_GT(matches["total"].get<int>(), 10);
  const std::string firm = matches["items"][0]["id"];
  Json firm_policies = json_of(request(server.port(), "GET", "/api/v1/organizations/" + firm + "/policies"));
  const auto eligible = firm_policies["eligible"];
  ASSERT_TRUE(std::any_of(eligible.begin(), eligible.end(), [](const Json& p) { return p["policy_id"] == "p-ai"; }));
  for (const Json& policy : eligible) {
    if (policy["policy_id"] != "p-ai") continue;
    ASSERT_EQ(policy["clauses"].size(), 2u);
    for (const Json& clause : policy["clauses"]) EXPECT_EQ(clause["result"], "pass");
  }
  EXPECT_EQ(request(server.port(), "GET", "/api/v1/policies/p-ai/matches", "", {kAnonymousMarker}).status, 401);
}

}  // namespace
}  // namespace alley::testing
