#include "geo/datum.h"

#include <gtest/gtest.h>

#include "geo/polygon.h"

namespace alley::geo {

// 江苏路 metro station, WGS84 from OpenStreetMap.
const LonLat kJiangsuRoad{121.427011, 31.2214433};

TEST(Datum, Gcj02ShiftsAboutFiveHundredMetresHere) {
  const LonLat gcj = wgs84_to_gcj02(kJiangsuRoad);
  // The geodata notes say ≈ +0.0046° lon, −0.0019° lat in this district.
  EXPECT_NEAR(gcj.lon - kJiangsuRoad.lon, 0.0046, 0.0004);
  EXPECT_NEAR(gcj.lat - kJiangsuRoad.lat, -0.0019, 0.0004);
  EXPECT_GT(distance_m(gcj, kJiangsuRoad), 400);
  EXPECT_LT(distance_m(gcj, kJiangsuRoad), 600);
}

TEST(Datum, RoundTripsToUnderAMetre) {
  for (Datum datum : {Datum::kGcj02, Datum::kBd09}) {
    const LonLat there = convert(kJiangsuRoad, Datum::kWgs84, datum);
    const LonLat back = convert(there, datum, Datum::kWgs84);
    EXPECT_LT(distance_m(back, kJiangsuRoad), 1.0) << datum_name(datum);
  }
}

TEST(Datum, OutsideChinaNothingMoves) {
  const LonLat paris{2.35, 48.85};
  const LonLat gcj = wgs84_to_gcj02(paris);
  EXPECT_DOUBLE_EQ(gcj.lon, paris.lon);
  EXPECT_DOUBLE_EQ(gcj.lat, paris.lat);
}

TEST(Datum, ParsesNames) {
  EXPECT_EQ(parse_datum("GCJ-02"), Datum::kGcj02);
  EXPECT_EQ(parse_datum("BD-09"), Datum::kBd09);
  EXPECT_EQ(parse_datum("WGS84"), Datum::kWgs84);
  EXPECT_FALSE(parse_datum("wgs84").has_value());
}

}  // namespace alley::geo
