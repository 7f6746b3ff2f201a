// A second district proves the platform: the fictional harbour-lane pack
// (tests/packs/harbour-lane, every record synthetic) loads with
// `alley init --pack harbour-lane` and every module serves it — registry,
// search, plans, policies, accounts — with no code that knows its name.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>

#include "support/api_test.h"

namespace alley::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kPacksDir = fs::path(ALLEY_SOURCE_DIR) / "tests" / "packs";
const std::string kSource = "synthetic: harbour-lane test pack";

// What tests/packs/harbour-lane holds, file by file.
const std::map<std::string, std::size_t> kPackCounts = {
    {"departments", 4}, {"areas", 2}, {"roads", 2}, {"places", 4}, {"organizations", 6}, {"spaces", 2},
    {"talents", 1},     {"plans", 1}, {"tasks", 3}, {"kpis", 2},   {"kpi_entries", 1},   {"policies", 2}};

// One of the pack's files, as the test reads it (absent: an empty list).
Json pack_file(const std::string& resource) {
  std::ifstream in(kPacksDir / "harbour-lane" / (resource + ".json"));
  if (!in) return Json::array();
  return Json::parse(in);
}

std::set<std::string> ids_of(const Json& items, const char* key = "id") {
  std::set<std::string> ids;
  for (const Json& item : items) ids.insert(item[key].get<std::string>());
  return ids;
}

// $ALLEY_PACKS_DIR for the commands run while it lives (run_alley's child
// inherits the environment), then as it was.
class PacksDirectory {
 public:
  explicit PacksDirectory(const fs::path& folder) {
    if (const char* before = std::getenv("ALLEY_PACKS_DIR")) before_ = before;
    ::setenv("ALLEY_PACKS_DIR", folder.c_str(), 1);
  }
  ~PacksDirectory() {
    if (before_) {
      ::setenv("ALLEY_PACKS_DIR", before_->c_str(), 1);
    } else {
      ::unsetenv("ALLEY_PACKS_DIR");
    }
  }
  PacksDirectory(const PacksDirectory&) = delete;
  PacksDirectory& operator=(const PacksDirectory&) = delete;

 private:
  std::optional<std::string> before_;
};

class SecondDistrict : public ::testing::Test {
 protected:
  void SetUp() override {
    {
      PacksDirectory packs(kPacksDir);
      CommandResult init = run_alley({"init", "--pack", "harbour-lane", "--db", dir_.db_url()});
      ASSERT_EQ(init.exit_code, 0) << init.err;
      ASSERT_NE(init.err.find("loaded the pack 'harbour-lane'"), std::string::npos) << init.err;
    }
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--db", dir_.db_url()});
  }

  int port() const { return server_->port(); }

  Json get(const std::string& target, const Headers& headers = {}) {
    Response response = request(port(), "GET", target, "", headers);
    EXPECT_EQ(response.status, 200) << target << ": " << response.body.substr(0, 300);
    return json_of(response);
  }

  // A user of `role` (with its department or organization) and a token for it.
  Headers as_new_user(const std::string& name, const std::vector<std::string>& role) {
    std::vector<std::string> add = {"user", "add", name};
    add.insert(add.end(), role.begin(), role.end());
    add.insert(add.end(), {"--db", dir_.db_url()});
    CommandResult added = run_alley(add);
    EXPECT_EQ(added.exit_code, 0) << added.err;
    CommandResult token = run_alley({"token", "create", name, "--db", dir_.db_url()});
    EXPECT_EQ(token.exit_code, 0) << token.err;
    return {{"Authorization", "Bearer " + token.out.substr(0, token.out.find('\n'))}};
  }

  Response change(const std::string& target, const Json& patch, const Headers& who) {
    Response current = request(port(), "GET", target);
    Headers headers = who;
    headers.push_back({"If-Match", current.header("etag")});
    return request(port(), "PATCH", target, patch.dump(), headers);
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(SecondDistrict, HealthNamesThePackAndNothingOfSiliconAlleyIsThere) {
  const Json health = get("/healthz");
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["pack"], "harbour-lane");
  EXPECT_EQ(request(port(), "GET", "/api/v1/areas/district").status, 404) << "the default pack was not loaded too";
  EXPECT_EQ(get("/api/v1/search?q=%E7%A1%85%E5%B7%B7")["total"], 0) << "no record speaks of 硅巷";
}

TEST_F(SecondDistrict, EveryResourceListsExactlyThePacksRecordsAllSynthetic) {
  std::set<std::string> served;
  const Json index = get("/api/v1");
  for (const Json& resource : index["resources"]) {
    const std::string name = resource["name"];
    served.insert(name);
    const Json file = pack_file(name);
    const Json list = get("/api/v1/" + name + "?limit=100");
    EXPECT_EQ(list["total"], file.size()) << name;
    EXPECT_EQ(ids_of(list["items"]), ids_of(file)) << name;
    for (const Json& item : list["items"]) {
      EXPECT_EQ(item["synthetic"], true) << name << " " << item["id"];
      EXPECT_EQ(item["source"], kSource) << name << " " << item["id"];
    }
  }
  for (const auto& [name, count] : kPackCounts) {
    EXPECT_TRUE(served.contains(name)) << "no module serves the pack's " << name << ".json";
    EXPECT_EQ(pack_file(name).size(), count) << name << ".json (update the counts here with the pack)";
  }
}

TEST_F(SecondDistrict, StatsCountItsOrganizationsPlacesAndSpaces) {
  const Json stats = get("/api/v1/stats");
  EXPECT_EQ(stats["organizations"]["total"], 6);
  EXPECT_EQ(stats["organizations"]["synthetic"], 6);
  EXPECT_EQ(stats["organizations"]["high_growth"], 1);
  EXPECT_EQ(stats["organizations"]["by_kind"]["enterprise"], 4);
  EXPECT_EQ(stats["organizations"]["by_kind"]["incubator"], 1);
  EXPECT_EQ(stats["organizations"]["by_kind"]["alliance"], 1);
  EXPECT_EQ(stats["organizations"]["by_kind"].size(), 3u);
  EXPECT_EQ(stats["organizations"]["by_tier"]["specialized_sme"], 1);
  EXPECT_EQ(stats["organizations"]["by_pipeline_status"]["landed"], 2);
  EXPECT_EQ(stats["organizations"]["by_sector"]["光电子"], 1);
  EXPECT_EQ(stats["places"]["total"], 4);
  EXPECT_EQ(stats["places"]["by_type"]["innovation_space"], 1);
  EXPECT_EQ(stats["spaces"]["total"], 2);
  EXPECT_EQ(stats["spaces"]["by_status"]["available"]["count"], 1);
}

TEST_F(SecondDistrict, SearchFindsItsOrganizationsByAWordOfTheirName) {
  const Json chinese = get("/api/v1/search?q=%E6%BE%9C%E7%81%AF");  // 澜灯
  EXPECT_TRUE(ids_of(chinese["items"]).contains("hl-lanteng-photonics")) << chinese.dump();
  const Json english = get("/api/v1/search?q=Tideline");
  EXPECT_TRUE(ids_of(english["items"]).contains("hl-tideline-robotics")) << english.dump();
  for (const Json& item : english["items"]) EXPECT_EQ(item["synthetic"], true);
}

TEST_F(SecondDistrict, ThePlanTreeAndKpiProgressAnswerWithItsPlan) {
  const Json tree = get("/api/v1/plans/hl-plan-2026-2028/tree");
  EXPECT_EQ(tree["plan"]["id"], "hl-plan-2026-2028");
  EXPECT_EQ(tree["counts"]["goal_area"], 1);
  EXPECT_EQ(tree["counts"]["action"], 2);
  EXPECT_EQ(tree["counts"].size(), 2u);
  std::vector<std::string> order;
  for (const Json& task : tree["tree"]) order.push_back(task["id"]);
  EXPECT_EQ(order, (std::vector<std::string>{"hl-goal-ecosystem", "hl-action-incubation", "hl-action-talent-salon"}));
  EXPECT_EQ(tree["tree"][1]["lead_department_ids"], Json::array({"hl-science-office"}));

  const Json all = get("/api/v1/kpi-progress");
  const Json mine = get("/api/v1/kpi-progress?plan_id=hl-plan-2026-2028");
  EXPECT_EQ(mine["total"], 2);
  EXPECT_EQ(ids_of(all["items"], "kpi_id"), ids_of(mine["items"], "kpi_id")) << "the district has one plan";
  EXPECT_EQ(ids_of(mine["items"], "kpi_id"), (std::set<std::string>{"hl-kpi-incubators", "hl-kpi-salons"}));
  for (const Json& kpi : mine["items"]) {
    if (kpi["kpi_id"] == "hl-kpi-incubators") {
      EXPECT_EQ(kpi["measure"], "query");
      EXPECT_EQ(kpi["value"], 1.0) << "one organization certified 高质量孵化器";
      EXPECT_EQ(kpi["synthetic_in_value"], 1);
    } else {
      EXPECT_EQ(kpi["measure"], "manual");
      ASSERT_EQ(kpi["history"].size(), 1u);
      EXPECT_EQ(kpi["history"][0]["as_of"], "2026-06-30");
      EXPECT_EQ(kpi["history"][0]["value"], 1.0);
    }
  }

  Response workbook = request(port(), "GET", "/api/v1/plans/hl-plan-2026-2028/export.xlsx");
  EXPECT_EQ(workbook.status, 200);
  Response report = request(port(), "GET", "/api/v1/reports/progress.pdf?plan_id=hl-plan-2026-2028");
  EXPECT_EQ(report.status, 200);
  EXPECT_EQ(report.header("content-type"), "application/pdf");
}

TEST_F(SecondDistrict, APolicysMatchesAreTheOrganizationsItsRuleHoldsFor) {
  // employees <= 300 and rd_ratio >= 0.05: 澜灯 (120, 0.08) and 埠头 (300, 0.05, both bounds inclusive);
  // not 潮线 (450 employees), 栈桥 (0.03), nor the incubator, whose rd_ratio is unknown.
  const Json rd = get("/api/v1/policies/hl-policy-rd-sme/matches");
  EXPECT_EQ(rd["rule"], "employees <= 300 and rd_ratio >= 0.05");
  EXPECT_EQ(rd["total"], 2);
  EXPECT_EQ(ids_of(rd["items"]), (std::set<std::string>{"hl-lanteng-photonics", "hl-quayside-biotech"}));
  // kind == "enterprise" and tier in [specialized_sme, little_giant, leading].
  const Json ladder = get("/api/v1/policies/hl-policy-ladder/matches");
  EXPECT_EQ(ids_of(ladder["items"]), (std::set<std::string>{"hl-lanteng-photonics", "hl-tideline-robotics"}));
  EXPECT_EQ(request(port(), "GET", "/api/v1/policies/hl-policy-rd-sme/matches", "", {kAnonymousMarker}).status, 401);

  Response calculated = post_json(
      port(), "/api/v1/policy-calculator",
      {{"kind", "enterprise"}, {"employees", 200}, {"rd_ratio", 0.06}, {"tier", "tech_sme"}}, {kAnonymousMarker});
  ASSERT_EQ(calculated.status, 200) << calculated.body;
  const Json verdicts = json_of(calculated);
  EXPECT_EQ(ids_of(verdicts["eligible"], "policy_id"), (std::set<std::string>{"hl-policy-rd-sme"}));
  EXPECT_EQ(ids_of(verdicts["not_eligible"], "policy_id"), (std::set<std::string>{"hl-policy-ladder"}));
}

TEST_F(SecondDistrict, ItsMapLayersAreItsOwnGeometry) {
  const std::map<std::string, std::set<std::string>> types = {
      {"places", {"Point"}}, {"areas", {"Polygon"}}, {"roads", {"LineString"}}};
  for (const auto& [resource, allowed] : types) {
    const Json layer = get("/api/v1/" + resource + ".geojson");
    EXPECT_EQ(layer["type"], "FeatureCollection");
    ASSERT_EQ(layer["features"].size(), kPackCounts.at(resource)) << resource;
    for (const Json& feature : layer["features"]) {
      EXPECT_TRUE(allowed.contains(feature["geometry"]["type"].get<std::string>())) << feature.dump();
      EXPECT_EQ(feature["properties"]["synthetic"], true);
      EXPECT_EQ(feature["properties"]["geo_quality"], "approximate");
    }
  }
  const Json district = get("/api/v1/areas/hl-district");
  EXPECT_EQ(district["kind"], "district");
  EXPECT_EQ(get("/api/v1/areas/hl-south-bank")["department_id"], "hl-south-bank-office");
}

TEST_F(SecondDistrict, ItsOwnDepartmentsAndOrganizationsSignIn) {
  // A sub-district user of the pack's sub-district office changes what that office answers for, and nothing else.
  const Headers south_bank =
      as_new_user("south-bank", {"--role", "subdistrict", "--subdistrict", "hl-south-bank-office"});
  EXPECT_EQ(change("/api/v1/places/hl-quay-canteen", {{"description", "南岸街道的修改"}}, south_bank).status, 200);
  EXPECT_EQ(change("/api/v1/places/hl-tideline-tower", {{"description", "不归南岸街道"}}, south_bank).status, 403);

  // An enterprise user sees its own organization's policies, and was told of both matches when the pack loaded.
  const Headers firm = as_new_user("lanteng", {"--role", "enterprise", "--org", "hl-lanteng-photonics"});
  Response own = request(port(), "GET", "/api/v1/organizations/hl-lanteng-photonics/policies", "", firm);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(ids_of(json_of(own)["eligible"], "policy_id"),
            (std::set<std::string>{"hl-policy-rd-sme", "hl-policy-ladder"}));
  EXPECT_EQ(request(port(), "GET", "/api/v1/organizations/hl-tideline-robotics/policies", "", firm).status, 403);
  std::set<std::string> told;
  const Json notifications = get("/api/v1/notifications?limit=100", firm);
  for (const Json& item : notifications["items"]) {
    if (item["kind"] == "policy_match") told.insert(item["policy_id"].get<std::string>());
  }
  EXPECT_EQ(told, (std::set<std::string>{"hl-policy-rd-sme", "hl-policy-ladder"}));
}

}  // namespace
}  // namespace alley::testing
