#include "records/geometry_rules.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "geo/datum.h"

namespace alley::records {
namespace {

// A GeoJSON position: [lon, lat] with finite numbers in range.
bool is_position(const Json& position) {
  if (!position.is_array() || position.size() < 2 || !position[0].is_number() || !position[1].is_number()) return false;
  const double lon = position[0].get<double>();
  const double lat = position[1].get<double>();
  return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

std::optional<std::string> line_problem(const Json& line) {
  if (!line.is_array() || line.size() < 2) return "a line needs at least two positions";
  for (const Json& position : line) {
    if (!is_position(position)) return "every position must be [lon, lat] within range";
  }
  return std::nullopt;
}

std::optional<std::string> polygon_problem(const Json& rings) {
  if (!rings.is_array() || rings.empty()) return "a polygon needs at least one ring";
  for (const Json& ring : rings) {
    if (!ring.is_array() || ring.size() < 4) return "a polygon ring needs at least four positions";
    if (auto problem = line_problem(ring)) return problem;
    if (ring.front() != ring.back()) return "a polygon ring must end where it starts";
  }
  return std::nullopt;
}

// Validates type and coordinates of a GeoJSON geometry against the allowed types.
void check_geometry(const Json& merged, const FieldSpec& spec, std::vector<FieldError>& errors) {
  const Json& geometry = merged.at(spec.name);
  if (!geometry.is_object() || !geometry.contains("type") || !geometry["type"].is_string() ||
      !geometry.contains("coordinates")) {
    errors.push_back(
        {spec.name, "must be a GeoJSON geometry object with type and coordinates", "应为地图上绘制的点、线或面"});
    return;
  }
  const std::string type = geometry["type"].get<std::string>();
  if (std::find(spec.values.begin(), spec.values.end(), type) == spec.values.end()) {
    std::string allowed;
    for (const std::string& value : spec.values) allowed += (allowed.empty() ? "" : ", ") + value;
    errors.push_back(
        {spec.name, "geometry type " + type + " is not allowed here; use " + allowed, "此处不能使用这种图形"});
    return;
  }
  const Json& coordinates = geometry["coordinates"];
  std::optional<std::string> problem;
  if (type == "LineString") {
    problem = line_problem(coordinates);
  } else if (type == "MultiLineString" || type == "Polygon") {
    if (!coordinates.is_array() || coordinates.empty()) problem = "coordinates must be a non-empty array";
    for (std::size_t i = 0; !problem && i < coordinates.size(); ++i) {
      problem = type == "Polygon" ? polygon_problem(coordinates) : line_problem(coordinates[i]);
      if (type == "Polygon") break;
    }
  } else if (type == "MultiPolygon") {
    if (!coordinates.is_array() || coordinates.empty()) problem = "coordinates must be a non-empty array";
    for (std::size_t i = 0; !problem && i < coordinates.size(); ++i) problem = polygon_problem(coordinates[i]);
  }
  if (problem) errors.push_back({spec.name, *problem});
}

// Converts every [lon, lat] position inside GeoJSON coordinates in place.
void convert_positions(Json& coordinates, geo::Datum from) {
  if (is_position(coordinates) && coordinates[0].is_number()) {
    const geo::LonLat wgs =
        geo::convert({coordinates[0].get<double>(), coordinates[1].get<double>()}, from, geo::Datum::kWgs84);
    coordinates[0] = wgs.lon;
    coordinates[1] = wgs.lat;
    return;
  }
  if (coordinates.is_array()) {
    for (Json& inner : coordinates) convert_positions(inner, from);
  }
}

}  // namespace

void require_quality_with_position(const Json& merged, bool has_position, std::vector<FieldError>& errors) {
  if (has_position && !merged.contains("geo_quality")) {
    errors.push_back({"geo_quality", "a position needs geo_quality: surveyed, derived or approximate",
                      "有坐标时须说明坐标精度：实测、推算或近似"});
  }
}

RecordRule geometry_rule(const FieldSpec& geometry_field) {
  return [spec = geometry_field](Json& merged, const Json* before, std::vector<FieldError>& errors) {
    if (!merged.contains(spec.name)) return;
    const std::size_t problems_before = errors.size();
    check_geometry(merged, spec, errors);
    require_quality_with_position(merged, true, errors);
    const bool written = !before || !before->contains(spec.name) || (*before)[spec.name] != merged[spec.name];
    if (errors.size() == problems_before && written && merged.value("geo_datum_in", "WGS84") != "WGS84") {
      convert_positions(merged[spec.name]["coordinates"], *geo::parse_datum(merged["geo_datum_in"].get<std::string>()));
    }
  };
}

}  // namespace alley::records
