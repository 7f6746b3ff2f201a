#pragma once
// Planar geometry on WGS84 coordinates at district scale (a few km), where an
// equirectangular projection around the centroid is accurate to well under 1%.

#include <vector>

#include "geo/datum.h"

namespace alley::geo {

using Ring = std::vector<LonLat>;  // closed or open; the closing edge is implied

struct Polygon {
  Ring exterior;
  std::vector<Ring> holes;
};

// Even-odd rule; points exactly on an edge may fall either way.
bool contains(const Polygon& polygon, LonLat point);
bool contains(const std::vector<Polygon>& multipolygon, LonLat point);

// Area in square kilometres (holes subtracted).
double area_km2(const Polygon& polygon);

// Great-circle distance in metres.
double distance_m(LonLat a, LonLat b);

}  // namespace alley::geo
