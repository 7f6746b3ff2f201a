#include "geo/polygon.h"

#include <cmath>

namespace alley::geo {
namespace {

constexpr double kEarthRadiusM = 6371008.8;
constexpr double kDegree = 3.14159265358979323846 / 180.0;

bool ring_contains(const Ring& ring, LonLat p) {
  bool inside = false;
  const std::size_t n = ring.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const LonLat& a = ring[i];
    const LonLat& b = ring[j];
    if ((a.lat > p.lat) != (b.lat > p.lat) && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon) {
      inside = !inside;
    }
  }
  return inside;
}

double ring_area_m2(const Ring& ring, double reference_lat) {
  const double x_scale = kEarthRadiusM * kDegree * std::cos(reference_lat * kDegree);
  const double y_scale = kEarthRadiusM * kDegree;
  double twice_area = 0;
  const std::size_t n = ring.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    twice_area += (ring[j].lon * x_scale) * (ring[i].lat * y_scale) - (ring[i].lon * x_scale) * (ring[j].lat * y_scale);
  }
  return std::fabs(twice_area) / 2;
}

}  // namespace

bool contains(const Polygon& polygon, LonLat point) {
  if (polygon.exterior.size() < 3 || !ring_contains(polygon.exterior, point)) return false;
  for (const Ring& hole : polygon.holes) {
    if (hole.size() >= 3 && ring_contains(hole, point)) return false;
  }
  return true;
}

bool contains(const std::vector<Polygon>& multipolygon, LonLat point) {
  for (const Polygon& polygon : multipolygon) {
    if (contains(polygon, point)) return true;
  }
  return false;
}

double area_km2(const Polygon& polygon) {
  if (polygon.exterior.size() < 3) return 0;
  double lat_sum = 0;
  for (const LonLat& p : polygon.exterior) lat_sum += p.lat;
  const double reference_lat = lat_sum / double(polygon.exterior.size());
  double area = ring_area_m2(polygon.exterior, reference_lat);
  for (const Ring& hole : polygon.holes) area -= ring_area_m2(hole, reference_lat);
  return area / 1e6;
}

double distance_m(LonLat a, LonLat b) {
  const double d_lat = (b.lat - a.lat) * kDegree;
  const double d_lon = (b.lon - a.lon) * kDegree;
  const double h = std::sin(d_lat / 2) * std::sin(d_lat / 2) +
                   std::cos(a.lat * kDegree) * std::cos(b.lat * kDegree) * std::sin(d_lon / 2) * std::sin(d_lon / 2);
  return 2 * kEarthRadiusM * std::asin(std::sqrt(h));
}

}  // namespace alley::geo
