#pragma once
// GeoJSON geometry objects to the geo module's polygons.

#include <vector>

#include "core/json.h"
#include "geo/polygon.h"

namespace alley::records {

// The polygons of a Polygon or MultiPolygon geometry; empty for other types.
// REQUIRES: the geometry passed record validation (well-formed coordinates).
std::vector<geo::Polygon> polygons_from_geojson(const Json& geometry);

}  // namespace alley::records
