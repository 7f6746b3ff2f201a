#include "geo/polygon.h"

#include <gtest/gtest.h>

namespace alley::geo {

// About 1 km × 1 km around the district.
const Polygon kSquare{{{121.41, 31.21}, {121.42053, 31.21}, {121.42053, 31.219}, {121.41, 31.219}, {121.41, 31.21}},
                      {}};

TEST(Polygon, ContainsInsideNotOutside) {
  EXPECT_TRUE(contains(kSquare, {121.415, 31.215}));
  EXPECT_FALSE(contains(kSquare, {121.425, 31.215}));
  EXPECT_FALSE(contains(kSquare, {121.415, 31.22}));
}

TEST(Polygon, HolesAreOutside) {
  Polygon with_hole = kSquare;
  with_hole.holes.push_back({{121.414, 31.214}, {121.416, 31.214}, {121.416, 31.216}, {121.414, 31.216}});
  EXPECT_FALSE(contains(with_hole, {121.415, 31.215}));
  EXPECT_TRUE(contains(with_hole, {121.412, 31.212}));
}

TEST(Polygon, AreaOfAKilometreSquare) { EXPECT_NEAR(area_km2(kSquare), 1.0, 0.01); }

TEST(Polygon, DistanceMatchesAKnownLength) {
  // One degree of latitude is about 111.2 km.
  EXPECT_NEAR(distance_m({121.0, 31.0}, {121.0, 32.0}), 111195, 50);
}

}  // namespace alley::geo
