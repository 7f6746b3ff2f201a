// The search index follows every write, on both backends.

#include "records/search_documents.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "search/search_index.h"
#include "support/store_fixture.h"

namespace alley::records {
namespace {

class SearchTest : public testing::StoreTest {
 protected:
  Status write(const std::function<Status()>& work) { return store::in_write_transaction(connection(), work); }
  Json create(const char* resource, const Json& input) {
    Json created;
    EXPECT_TRUE(write([&]() -> Status {
                  auto result = create_record(connection(), *find_schema(resource), input, {"test"});
                  if (!result) return result.error();
                  created = result.value();
                  return ok_status();
                }).ok());
    return created;
  }
  std::vector<std::string> ids_for(const std::string& text, std::vector<std::string> resources = {}) {
    auto result = search::search(connection(), app().chinese_script(), {text, resources, 20});
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    std::vector<std::string> ids;
    if (result.ok()) {
      for (const auto& hit : result->hits) ids.push_back(hit.record_id);
    }
    return ids;
  }
  void SetUp() override {
    StoreTest::SetUp();
    create("places",
           {{"id", "hub"}, {"name", "新微智谷"}, {"name_en", "Xinwei Zhigu"}, {"source", "s"}, {"type", "carrier"}});
    create("organizations", {{"id", "chip"},
                             {"name", "锐芯芯片科技有限公司"},
                             {"source", "s"},
                             {"kind", "enterprise"},
                             {"sectors", {"集成电路"}},
                             {"description", "专注创新的传感器芯片设计"}});
    create("organizations", {{"id", "bank"},
                             {"name", "长宁区科技金融创新服务联盟"},
                             {"name_en", "Sci-Tech Finance Alliance"},
                             {"source", "s"},
                             {"kind", "alliance"}});
    create("spaces", {{"id", "unit"},
                      {"name", "3F-01"},
                      {"source", "s"},
                      {"place_id", "hub"},
                      {"area_m2", 120},
                      {"status", "available"}});
  }
};

TEST_F(SearchTest, TwoCharacterQueriesFindPartsOfNamesAndDescriptions) {
  EXPECT_EQ(ids_for("芯片"), std::vector<std::string>{"chip"});
  const auto innovation = ids_for("创新");
  EXPECT_EQ(std::set<std::string>(innovation.begin(), innovation.end()), (std::set<std::string>{"chip", "bank"}));
}

TEST_F(SearchTest, NamesOutrankDescriptions) {
  // "创新" is in the alliance's name but only in the chip firm's description.
  EXPECT_EQ(ids_for("创新").front(), "bank");
}

TEST_F(SearchTest, TraditionalQueriesFindSimplifiedRecords) {
  EXPECT_EQ(ids_for("創新").size(), 2u);
  EXPECT_EQ(ids_for("金融創新服務"), std::vector<std::string>{"bank"});
}

TEST_F(SearchTest, EnglishNamesAndPrefixes) {
  EXPECT_EQ(ids_for("finance"), std::vector<std::string>{"bank"});
  EXPECT_EQ(ids_for("Xinw")[0], "hub");
}

TEST_F(SearchTest, SpacesAreFoundByTheirBuilding) {
  EXPECT_EQ(ids_for("新微智谷", {"spaces"}), std::vector<std::string>{"unit"});
}

TEST_F(SearchTest, UpdatesAndDeletesAreFollowed) {
  ASSERT_TRUE(write([&]() -> Status {
                auto result = update_record(connection(), *find_schema("organizations"), "chip",
                                            {{"name", "锐芯微电子有限公司"}, {"description", nullptr}}, 1, {"test"});
                return result ? ok_status() : Status(result.error());
              }).ok());
  EXPECT_TRUE(ids_for("芯片").empty());
  EXPECT_EQ(ids_for("微电子"), std::vector<std::string>{"chip"});
  ASSERT_TRUE(write([&] {
                return delete_record(connection(), *find_schema("organizations"), "chip", std::nullopt, {"test"});
              }).ok());
  EXPECT_TRUE(ids_for("微电子").empty());
}

TEST_F(SearchTest, RebuildsWhenTheIndexIsBehind) {
  ASSERT_TRUE(write([&] { return search::clear_index(connection()); }).ok());
  EXPECT_TRUE(ids_for("芯片").empty());
  std::int64_t written = 0;
  ASSERT_TRUE(write([&]() -> Status {
                auto count = ensure_search_index(connection(), app().chinese_script(), registry_schemas());
                if (!count) return count.error();
                written = count.value();
                return ok_status();
              }).ok());
  EXPECT_EQ(written, 4);
  EXPECT_EQ(ids_for("芯片"), std::vector<std::string>{"chip"});
}

TEST_F(SearchTest, QueriesWithNothingToFindAreRefused) {
  auto result = search::search(connection(), app().chinese_script(), {"“”!?", {}, 20});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kMalformed);
  // Query syntax characters are not syntax here: OR is a word to find, not an operator.
  EXPECT_TRUE(ids_for("芯片\" OR \"").empty());
  EXPECT_EQ(ids_for("芯片 \"*"), std::vector<std::string>{"chip"});
}

}  // namespace
}  // namespace alley::records
