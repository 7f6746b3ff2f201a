// The Silicon Alley pack, loaded for real: it must pass the API's validation,
// keep its geography consistent, and never invent facts.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "geo/polygon.h"
#include "records/geometry_json.h"
#include "records/pack_loader.h"
#include "support/store_fixture.h"

namespace alley::records {
namespace {

class PackTest : public testing::StoreTest {
 protected:
  Result<PackSummary> load(const std::filesystem::path& folder) {
    std::optional<Result<PackSummary>> summary;
    (void)store::in_write_transaction(connection(), [&]() -> Status {
      summary = load_pack(connection(), registry_schemas(), folder, nullptr);
      return summary->ok() ? ok_status() : Status(summary->error());
    });
    return *summary;
  }
  void load_silicon_alley() {
    auto folder = find_pack("silicon-alley");
    ASSERT_TRUE(folder.ok()) << folder.error().message;
    auto summary = load(folder.value());
    ASSERT_TRUE(summary.ok()) << describe(summary.error());
  }
  Json all(const char* resource) {
    ListQuery query;
    query.limit = kMaxPageSize;
    Json items = Json::array();
    while (true) {
      auto page = list_records(connection(), *find_schema(resource), query);
      EXPECT_TRUE(page.ok());
      for (auto& item : page->items) items.push_back(item);
      if (!page->next_offset) return items;
      query.offset = *page->next_offset;
    }
  }
  static bool has_name_containing(const Json& records, const std::string& part) {
    return std::any_of(records.begin(), records.end(), [&](const Json& record) {
      return record["name"].get<std::string>().find(part) != std::string::npos;
    });
  }
};

TEST_F(PackTest, LoadsThroughTheApiValidation) {
  load_silicon_alley();
  EXPECT_EQ(loaded_pack(connection()).value(), std::optional<std::string>("silicon-alley"));
  EXPECT_GE(all("departments").size(), 18u);
  EXPECT_GE(all("places").size(), 30u);
  EXPECT_GE(all("organizations").size(), 20u);
}

TEST_F(PackTest, NamesWhatTheDocumentsName) {
  load_silicon_alley();
  const Json departments = all("departments"), places = all("places"), organizations = all("organizations");
  for (const char* name : {"科学技术委员会", "科学技术协会", "华阳路街道", "江苏路街道", "投资促进"}) {
    EXPECT_TRUE(has_name_containing(departments, name)) << name;
  }
  for (const char* name : {"新微智谷", "No.1创新空间", "创客厅", "联通大厦", "钱学森旧居", "中山公园", "翡悦里"}) {
    EXPECT_TRUE(has_name_containing(places, name)) << name;
  }
  for (const char* name : {"微系统", "硅酸盐", "新微科技", "西井", "矽睿", "黑湖"}) {
    EXPECT_TRUE(has_name_containing(organizations, name)) << name;
  }
  const Json areas = all("areas");
  for (const char* name : {"苏河华政湾", "活力中山", "智慧定西", "静雅武夷", "文艺海粟"}) {
    EXPECT_TRUE(has_name_containing(areas, name)) << name;
  }
  const auto committees = std::count_if(areas.begin(), areas.end(),
                                        [](const Json& area) { return area["kind"] == "residential_committee"; });
  EXPECT_EQ(committees, 34);
}

TEST_F(PackTest, EveryRecordNamesItsSourceAndNothingIsSynthetic) {
  load_silicon_alley();
  for (const ResourceSchema& schema : registry_schemas()) {
    for (const Json& record : all(schema.name.c_str())) {
      EXPECT_FALSE(record["source"].get<std::string>().empty()) << record["id"];
      EXPECT_EQ(record["synthetic"], false) << record["id"];
    }
  }
  // No 统一社会信用代码 is published in the documents: the pack must not invent one.
  for (const Json& organization : all("organizations"))
    EXPECT_FALSE(organization.contains("uscc")) << organization["id"];
}

TEST_F(PackTest, BoundaryFollowsTheFourRoadsAndHoldsItsPlaces) {
  load_silicon_alley();
  auto district = get_record(connection(), *find_schema("areas"), "district");
  ASSERT_TRUE(district.ok());
  const auto boundary = polygons_from_geojson(district.value()["geometry"]);
  ASSERT_FALSE(boundary.empty());
  double area = 0;
  for (const auto& polygon : boundary) area += geo::area_km2(polygon);
  // The plan: about 1.48 km².
  EXPECT_NEAR(area, 1.48, 1.48 * 0.15);

  std::set<std::string> inside_areas = {"district"};
  for (const Json& candidate : all("areas")) {
    if (candidate.value("parent_id", "") == "district") inside_areas.insert(candidate["id"].get<std::string>());
  }
  std::size_t checked = 0;
  for (const Json& place : all("places")) {
    if (place.contains("lon")) {
      EXPECT_TRUE(place.contains("geo_quality")) << place["id"];
    }
    if (!place.contains("lon") || !inside_areas.count(place.value("area_id", ""))) continue;
    const geo::LonLat point{place["lon"].get<double>(), place["lat"].get<double>()};
    EXPECT_TRUE(geo::contains(boundary, point)) << place["id"] << " lies outside the district boundary";
    ++checked;
  }
  EXPECT_GE(checked, 20u);
}

TEST_F(PackTest, MetroStationsAreSurveyedPositions) {
  load_silicon_alley();
  std::size_t stations = 0;
  for (const Json& place : all("places")) {
    if (place["type"] != "metro_station") continue;
    ++stations;
    EXPECT_EQ(place["geo_quality"], "surveyed") << place["id"];
  }
  EXPECT_EQ(stations, 3u);
}

TEST_F(PackTest, LoadsOnlyOnce) {
  load_silicon_alley();
  auto again = load(find_pack("silicon-alley").value());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST_F(PackTest, ABrokenPackWritesNothingAndSaysWhere) {
  const auto broken = folder_ / "broken";
  std::filesystem::create_directories(broken);
  std::ofstream(broken / "pack.json") << R"({"name": "broken"})";
  std::ofstream(broken / "departments.json") << R"([{"id": "a", "name": "甲", "source": "s", "kind": "department"},
             {"id": "b", "name": "乙", "source": "s", "kind": "ministry"}])";
  auto result = load(broken);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("departments.json record 2"), std::string::npos) << result.error().message;
  EXPECT_EQ(all("departments").size(), 0u);
  EXPECT_FALSE(loaded_pack(connection()).value().has_value());
}

TEST_F(PackTest, UnknownPackListsTheKnownOnes) {
  auto missing = find_pack("atlantis");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("silicon-alley"), std::string::npos) << missing.error().message;
}

}  // namespace
}  // namespace alley::records
