#include "geo/datum.h"

#include <cmath>

namespace alley::geo {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kSemiMajorAxis = 6378245.0;  // Krasovsky 1940, as GCJ-02 uses
constexpr double kEccentricitySquared = 0.00669342162296594323;
constexpr double kBaiduPi = kPi * 3000.0 / 180.0;

double offset_lat(double x, double y) {
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return r;
}

double offset_lon(double x, double y) {
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return r;
}

}  // namespace

std::optional<Datum> parse_datum(std::string_view name) {
  if (name == "WGS84") return Datum::kWgs84;
  if (name == "GCJ-02") return Datum::kGcj02;
  if (name == "BD-09") return Datum::kBd09;
  return std::nullopt;
}

std::string_view datum_name(Datum datum) {
  switch (datum) {
    case Datum::kWgs84:
      return "WGS84";
    case Datum::kGcj02:
      return "GCJ-02";
    case Datum::kBd09:
      return "BD-09";
  }
  return "WGS84";
}

bool in_china(LonLat p) { return p.lon > 73.66 && p.lon < 135.05 && p.lat > 3.86 && p.lat < 53.55; }

LonLat wgs84_to_gcj02(LonLat p) {
  if (!in_china(p)) return p;
  const double d_lat = offset_lat(p.lon - 105.0, p.lat - 35.0);
  const double d_lon = offset_lon(p.lon - 105.0, p.lat - 35.0);
  const double rad_lat = p.lat / 180.0 * kPi;
  double magic = std::sin(rad_lat);
  magic = 1 - kEccentricitySquared * magic * magic;
  const double sqrt_magic = std::sqrt(magic);
  const double lat_shift =
      (d_lat * 180.0) / ((kSemiMajorAxis * (1 - kEccentricitySquared)) / (magic * sqrt_magic) * kPi);
  const double lon_shift = (d_lon * 180.0) / (kSemiMajorAxis / sqrt_magic * std::cos(rad_lat) * kPi);
  return {p.lon + lon_shift, p.lat + lat_shift};
}

LonLat gcj02_to_wgs84(LonLat p) {
  if (!in_china(p)) return p;
  // The forward map is smooth and close to a translation, so a few fixed-point
  // steps converge to micrometres.
  LonLat guess = p;
  for (int i = 0; i < 8; ++i) {
    const LonLat forward = wgs84_to_gcj02(guess);
    guess.lon += p.lon - forward.lon;
    guess.lat += p.lat - forward.lat;
  }
  return guess;
}

LonLat gcj02_to_bd09(LonLat p) {
  const double z = std::sqrt(p.lon * p.lon + p.lat * p.lat) + 0.00002 * std::sin(p.lat * kBaiduPi);
  const double theta = std::atan2(p.lat, p.lon) + 0.000003 * std::cos(p.lon * kBaiduPi);
  return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

LonLat bd09_to_gcj02(LonLat p) {
  const double x = p.lon - 0.0065;
  const double y = p.lat - 0.006;
  const double z = std::sqrt(x * x + y * y) - 0.00002 * std::sin(y * kBaiduPi);
  const double theta = std::atan2(y, x) - 0.000003 * std::cos(x * kBaiduPi);
  return {z * std::cos(theta), z * std::sin(theta)};
}

LonLat convert(LonLat p, Datum from, Datum to) {
  if (from == to) return p;
  LonLat wgs = p;
  if (from == Datum::kGcj02) wgs = gcj02_to_wgs84(p);
  if (from == Datum::kBd09) wgs = gcj02_to_wgs84(bd09_to_gcj02(p));
  if (to == Datum::kWgs84) return wgs;
  const LonLat gcj = wgs84_to_gcj02(wgs);
  return to == Datum::kGcj02 ? gcj : gcj02_to_bd09(gcj);
}

}  // namespace alley::geo
