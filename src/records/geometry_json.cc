#include "records/geometry_json.h"

#include <nlohmann/json.hpp>

namespace alley::records {
namespace {

geo::Ring ring_from(const Json& positions) {
  geo::Ring ring;
  for (const Json& position : positions) ring.push_back({position[0].get<double>(), position[1].get<double>()});
  return ring;
}

geo::Polygon polygon_from(const Json& rings) {
  geo::Polygon polygon;
  for (std::size_t i = 0; i < rings.size(); ++i) {
    if (i == 0) {
      polygon.exterior = ring_from(rings[i]);
    } else {
      polygon.holes.push_back(ring_from(rings[i]));
    }
  }
  return polygon;
}

}  // namespace

std::vector<geo::Polygon> polygons_from_geojson(const Json& geometry) {
  std::vector<geo::Polygon> polygons;
  const std::string type = geometry.value("type", "");
  if (type == "Polygon") {
    polygons.push_back(polygon_from(geometry["coordinates"]));
  } else if (type == "MultiPolygon") {
    for (const Json& rings : geometry["coordinates"]) polygons.push_back(polygon_from(rings));
  }
  return polygons;
}

}  // namespace alley::records
