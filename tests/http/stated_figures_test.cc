// Stated figures: the totals the documents state but do not list, each with
// its source, and how many matching records Alley holds against them.

#include <gtest/gtest.h>

#include <map>

#include "support/api_test.h"

namespace alley::testing {
namespace {

class StatedFigures : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_alley({"init", "--db", dir_.db_url()}).exit_code, 0);
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--db", dir_.db_url()});
  }
  Json figure(const std::string& id) {
    Response response = request(server_->port(), "GET", "/api/v1/stated-figures", "", {kAnonymousMarker});
    EXPECT_EQ(response.status, 200) << response.body;
    const Json listed = json_of(response);
    for (const Json& item : listed["items"]) {
      if (item["id"] == id) return item;
    }
    ADD_FAILURE() << "no stated figure " << id;
    return Json();
  }
  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(StatedFigures, EachTotalTheDocumentsStateIsRecordedAgainstWhatIsListed) {
  const Json enterprises = figure("fig-innovation-enterprises");
  EXPECT_EQ(enterprises["stated_as"], "500 多家");
  EXPECT_EQ(enterprises["qualifier"], "more_than");
  EXPECT_EQ(enterprises["source"], "000_60db013b8d1faed5.txt §一.2");
  const std::int64_t listed =
      json_of(request(server_->port(), "GET", "/api/v1/organizations?kind=enterprise&limit=1"))["total"];
  EXPECT_EQ(enterprises["recorded"], listed);
  EXPECT_EQ(enterprises["recorded_list"], "/api/v1/organizations?kind=enterprise");
  EXPECT_LT(listed, 500) << "the pack lists the enterprises the documents name, not all 500";
  EXPECT_TRUE(figure("fig-academician-workstations")["recorded"].is_null()) << "Alley keeps no such records";
  for (const char* id :
       {"fig-office-buildings", "fig-innovation-carriers", "fig-leading-ecosystems", "fig-service-zones",
        "fig-self-service-items", "fig-finance-alliance-founders", "fig-municipal-service-agencies"}) {
    EXPECT_TRUE(figure(id).is_object()) << id;
  }

  ASSERT_EQ(post_json(server_->port(), "/api/v1/organizations",
                      {{"name", "新录入企业"}, {"source", "t"}, {"kind", "enterprise"}})
                .status,
            201);
  EXPECT_EQ(figure("fig-innovation-enterprises")["recorded"], listed + 1);
  EXPECT_EQ(figure("fig-innovation-enterprises")["recorded_synthetic"], 0) << "the pack holds no synthetic record";
  ASSERT_EQ(post_json(server_->port(), "/api/v1/organizations",
                      {{"name", "示例企业"}, {"source", "synthetic"}, {"kind", "enterprise"}, {"synthetic", true}})
                .status,
            201);
  const Json counted = figure("fig-innovation-enterprises");
  EXPECT_EQ(counted["recorded"], listed + 2);
  EXPECT_EQ(counted["recorded_synthetic"], 1) << "a synthetic record is counted and said to be one";
  EXPECT_TRUE(figure("fig-academician-workstations")["recorded_synthetic"].is_null());
}

TEST_F(StatedFigures, AFigureCountsOnlyAListAnybodyMayCount) {
  const Json base = {{"name", "测试"}, {"source", "t"}, {"value", 3}, {"qualifier", "exactly"}, {"stated_as", "3 家"}};
  Json unknown = base;
  unknown["counted_resource"] = "unicorns";
  Response refused = post_json(server_->port(), "/api/v1/stated_figures", unknown);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(json_of(refused)["errors"][0]["field"], "counted_resource");
  Json hidden = base;
  hidden["counted_resource"] = "organizations";
  hidden["counted_filter"] = "tier=little_giant";  // not public: a count would reveal it
  refused = post_json(server_->port(), "/api/v1/stated_figures", hidden);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(json_of(refused)["errors"][0]["field"], "counted_filter");
  Json fine = base;
  fine["counted_resource"] = "places";
  fine["counted_filter"] = "type=innovation_space";
  EXPECT_EQ(post_json(server_->port(), "/api/v1/stated_figures", fine).status, 201);
}

}  // namespace
}  // namespace alley::testing

namespace alley::testing {
namespace {

// Records cite documents by file name and section; readers are shown the
// title, and every file a record cites has one.
TEST_F(StatedFigures, EveryCitedDocumentHasItsTitle) {
  const Json sources = json_of(request(server_->port(), "GET", "/api/v1/sources", "", {kAnonymousMarker}));
  std::map<std::string, std::string> titles;
  for (const Json& item : sources["items"]) titles[item["file"]] = item["title"];
  ASSERT_TRUE(titles.count("000_60db013b8d1faed5.txt")) << sources.dump();
  EXPECT_NE(titles["000_60db013b8d1faed5.txt"].find("三年行动方案"), std::string::npos);
  const Json figures = json_of(request(server_->port(), "GET", "/api/v1/stated-figures"));
  for (const Json& figure : figures["items"]) {
    const std::string source = figure["source"];
    EXPECT_TRUE(titles.count(source.substr(0, source.find(' ')))) << source << " has no title";
  }
}

}  // namespace
}  // namespace alley::testing
