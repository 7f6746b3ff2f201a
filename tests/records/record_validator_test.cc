#include "records/record_validator.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/test_catalog.h"

namespace alley::records {
namespace {

const ResourceSchema& schema(const char* name) { return testing::test_schema(name); }

std::vector<std::string> fields_of(const Result<Json>& result) {
  std::vector<std::string> fields;
  if (!result.ok()) {
    for (const FieldError& error : result.error().fields) fields.push_back(error.field);
  }
  return fields;
}

Json enterprise() { return {{"name", "西井科技"}, {"source", "002 §二.1"}, {"kind", "enterprise"}}; }

}  // namespace

TEST(RecordValidator, AcceptsAMinimalRecord) {
  auto result = validate_write(schema("organizations"), enterprise(), nullptr);
  ASSERT_TRUE(result.ok()) << describe(result.error());
}

TEST(RecordValidator, ReportsEveryProblemByField) {
  Json input = enterprise();
  input.erase("name");
  input["employees"] = "many";
  input["colour"] = "red";
  input["uscc"] = "91350100M000100Y44";
  input["rd_ratio"] = 1.5;
  input["kind"] = "cooperative";
  auto result = validate_write(schema("organizations"), input, nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalid);
  auto fields = fields_of(result);
  for (const char* field : {"name", "employees", "colour", "kind", "rd_ratio"}) {
    EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end()) << field;
  }
}

TEST(RecordValidator, ChecksTheUsccCheckCharacter) {
  Json input = enterprise();
  input["uscc"] = "91350100M000100Y44";
  auto result = validate_write(schema("organizations"), input, nullptr);
  EXPECT_EQ(fields_of(result), std::vector<std::string>{"uscc"});
}

TEST(RecordValidator, RefusesServerManagedAndIdChanges) {
  Json before = enterprise();
  before["id"] = "org-1";
  before["version"] = 3;
  auto result = validate_write(schema("organizations"), {{"version", 9}, {"id", "org-2"}}, &before);
  auto fields = fields_of(result);
  EXPECT_EQ(fields, (std::vector<std::string>{"version", "id"}));
}

TEST(RecordValidator, PipelineStatusChangesOnlyThroughItsEndpoint) {
  Json before = enterprise();
  before["pipeline_status"] = "target";
  auto result = validate_write(schema("organizations"), {{"pipeline_status", "landed"}}, &before);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().fields.at(0).message.find("/pipeline"), std::string::npos);
  // Sending the unchanged value back is fine (a client echoing what it read).
  EXPECT_TRUE(validate_write(schema("organizations"), {{"pipeline_status", "target"}}, &before).ok());
}

TEST(RecordValidator, NullRemovesOptionalFieldsButNotRequiredOnes) {
  Json before = enterprise();
  before["employees"] = 12;
  auto removed = validate_write(schema("organizations"), {{"employees", nullptr}}, &before);
  ASSERT_TRUE(removed.ok());
  EXPECT_FALSE(removed.value().contains("employees"));
  EXPECT_EQ(fields_of(validate_write(schema("organizations"), {{"name", nullptr}}, &before)),
            std::vector<std::string>{"name"});
}

TEST(RecordValidator, WholeNumbersAndRanges) {
  Json input = enterprise();
  input["employees"] = 3.5;
  EXPECT_EQ(fields_of(validate_write(schema("organizations"), input, nullptr)), std::vector<std::string>{"employees"});
  input["employees"] = -1;
  EXPECT_EQ(fields_of(validate_write(schema("organizations"), input, nullptr)), std::vector<std::string>{"employees"});
}

TEST(RecordValidator, PlacesNeedBothCoordinatesAndTheirQuality) {
  Json place = {{"name", "新微智谷"}, {"source", "000 §五(一)2"}, {"type", "carrier"}, {"lon", 121.42}};
  EXPECT_EQ(fields_of(validate_write(schema("places"), place, nullptr)), std::vector<std::string>{"lat"});
  place["lat"] = 31.218;
  EXPECT_EQ(fields_of(validate_write(schema("places"), place, nullptr)), std::vector<std::string>{"geo_quality"});
  place["geo_quality"] = "approximate";
  EXPECT_TRUE(validate_write(schema("places"), place, nullptr).ok());
  place["lat"] = 91;
  EXPECT_EQ(fields_of(validate_write(schema("places"), place, nullptr)), std::vector<std::string>{"lat"});
}

TEST(RecordValidator, ConvertsGcj02PositionsToWgs84) {
  // 江苏路 station as a Chinese web map shows it (GCJ-02).
  Json place = {{"name", "江苏路站"}, {"source", "test"},          {"type", "metro_station"}, {"lon", 121.431601},
                {"lat", 31.219504},   {"geo_quality", "surveyed"}, {"geo_datum_in", "GCJ-02"}};
  auto result = validate_write(schema("places"), place, nullptr);
  ASSERT_TRUE(result.ok());
  EXPECT_NEAR(result.value()["lon"].get<double>(), 121.42701, 0.0003);
  EXPECT_NEAR(result.value()["lat"].get<double>(), 31.22144, 0.0003);
  EXPECT_EQ(result.value()["geo_datum_in"], "GCJ-02");
}

TEST(RecordValidator, GeometryMustBeWellFormed) {
  Json area = {{"name", "街区"}, {"source", "test"}, {"kind", "district"}, {"geo_quality", "approximate"}};
  area["geometry"] = {{"type", "Polygon"}, {"coordinates", {{{121.41, 31.21}, {121.42, 31.21}, {121.42, 31.22}}}}};
  EXPECT_EQ(fields_of(validate_write(schema("areas"), area, nullptr)), std::vector<std::string>{"geometry"});
  area["geometry"]["coordinates"][0].push_back({121.41, 31.21});
  EXPECT_TRUE(validate_write(schema("areas"), area, nullptr).ok());
  area["geometry"] = {{"type", "Point"}, {"coordinates", {121.41, 31.21}}};
  EXPECT_EQ(fields_of(validate_write(schema("areas"), area, nullptr)), std::vector<std::string>{"geometry"});
}

TEST(RecordValidator, IdsMustBeSlugs) {
  Json input = enterprise();
  input["id"] = "../../etc/passwd";
  EXPECT_EQ(fields_of(validate_write(schema("organizations"), input, nullptr)), std::vector<std::string>{"id"});
}

TEST(RecordValidator, BodyMustBeAnObject) {
  auto result = validate_write(schema("organizations"), Json::array(), nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalid);
}

}  // namespace alley::records
