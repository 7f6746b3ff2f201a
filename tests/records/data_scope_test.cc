#include "records/data_scope.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "records/repository.h"
#include "support/store_fixture.h"

namespace alley::records {
namespace {

class DataScopeTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    add("departments", {{"id", "hl-south"}, {"name", "南岸街道"}, {"source", "test"}, {"kind", "subdistrict"}});
    add("departments", {{"id", "hl-north"}, {"name", "北岸街道"}, {"source", "test"}, {"kind", "subdistrict"}});
    // A square sub-district: 113.00–113.01 E, 30.00–30.01 N.
    add("areas",
        {{"id", "south"},
         {"name", "南岸"},
         {"source", "test"},
         {"kind", "subdistrict"},
         {"department_id", "hl-south"},
         {"geo_quality", "approximate"},
         {"geometry",
          {{"type", "Polygon"},
           {"coordinates", {{{113.0, 30.0}, {113.01, 30.0}, {113.01, 30.01}, {113.0, 30.01}, {113.0, 30.0}}}}}}});
    add("places", {{"id", "inside"},
                   {"name", "里"},
                   {"source", "test"},
                   {"type", "building"},
                   {"lon", 113.005},
                   {"lat", 30.005},
                   {"geo_quality", "approximate"}});
    add("places", {{"id", "outside"},
                   {"name", "外"},
                   {"source", "test"},
                   {"type", "building"},
                   {"lon", 113.02},
                   {"lat", 30.005},
                   {"geo_quality", "approximate"}});
    add("places", {{"id", "nowhere"}, {"name", "无位置"}, {"source", "test"}, {"type", "building"}});
  }

  void add(const char* resource, const Json& record) {
    Status done = store::in_write_transaction(connection(), [&]() -> Status {
      auto created = create_record(connection(), *find_schema(resource), record, {"test"});
      return created ? ok_status() : Status(created.error());
    });
    ASSERT_TRUE(done.ok()) << resource << ": " << done.error().message;
  }

  Json place(const char* id) { return get_record(connection(), *find_schema("places"), id).value(); }

  const Territories subdistricts{"areas", "department_id", "geometry"};
  access::User south{"u1", "south-staff", access::Role::kSubdistrict, "hl-south", "", false};
  access::User north{"u2", "north-staff", access::Role::kSubdistrict, "hl-north", "", false};
};

TEST_F(DataScopeTest, ASubdistrictCoversWhatLiesInsideItsPolygon) {
  EXPECT_TRUE(in_territory(connection(), subdistricts, "hl-south", 113.005, 30.005).value());
  EXPECT_FALSE(in_territory(connection(), subdistricts, "hl-south", 113.02, 30.005).value());
  EXPECT_FALSE(in_territory(connection(), subdistricts, "hl-north", 113.005, 30.005).value());
}

TEST_F(DataScopeTest, StaffChangeOnlyRecordsInTheirAreaAndCannotMoveThemOut) {
  const RecordGuard own_position = guard_by_geography({}, subdistricts);
  Json keep = {{"name", "改名"}};
  EXPECT_TRUE(own_position(south, connection(), place("inside"), &keep).ok());
  EXPECT_EQ(own_position(north, connection(), place("inside"), &keep).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(own_position(south, connection(), place("outside"), &keep).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(own_position(south, connection(), place("nowhere"), &keep).error().code, ErrorCode::kForbidden);
  Json move_out = {{"lon", 113.02}};
  EXPECT_EQ(own_position(south, connection(), place("inside"), &move_out).error().code, ErrorCode::kForbidden);
  Json create_inside = {{"lon", 113.001}, {"lat", 30.009}};
  EXPECT_TRUE(own_position(south, connection(), std::nullopt, &create_inside).ok());
}

TEST_F(DataScopeTest, AReferenceCarriesThePositionAndEitherScopeMayGrant) {
  const RecordGuard through_place = guard_by_geography({"place_id", "places"}, subdistricts);
  Json at_inside = {{"place_id", "inside"}};
  Json at_outside = {{"place_id", "outside"}};
  EXPECT_TRUE(through_place(south, connection(), std::nullopt, &at_inside).ok());
  EXPECT_FALSE(through_place(south, connection(), std::nullopt, &at_outside).ok());
  // A department's own records, or what lies in its area.
  const RecordGuard either_scope = either(guard_by_department("responsible_department_id"), through_place);
  Json theirs = {{"place_id", "outside"}, {"responsible_department_id", "hl-south"}};
  EXPECT_TRUE(either_scope(south, connection(), std::nullopt, &theirs).ok());
  Json inside_but_others = {{"place_id", "inside"}, {"responsible_department_id", "hl-north"}};
  EXPECT_TRUE(either_scope(south, connection(), std::nullopt, &inside_but_others).ok());
  EXPECT_EQ(inside_but_others["responsible_department_id"], "hl-north") << "the refused scope must not change the body";
  Json neither = {{"place_id", "outside"}, {"responsible_department_id", "hl-north"}};
  EXPECT_EQ(either_scope(south, connection(), std::nullopt, &neither).error().code, ErrorCode::kForbidden);
}

}  // namespace
}  // namespace alley::records
