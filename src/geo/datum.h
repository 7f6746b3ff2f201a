#pragma once
// Conversions between WGS84 (what Alley stores), GCJ-02 (the datum of most
// Chinese web maps) and BD-09 (Baidu's). The GCJ-02 offset is the public
// approximation; the inverse is solved by fixed-point iteration to well under
// a metre.

#include <optional>
#include <string_view>

namespace alley::geo {

struct LonLat {
  double lon = 0;
  double lat = 0;
};

enum class Datum { kWgs84, kGcj02, kBd09 };

std::optional<Datum> parse_datum(std::string_view name);  // "WGS84", "GCJ-02", "BD-09"
std::string_view datum_name(Datum datum);

LonLat wgs84_to_gcj02(LonLat p);
LonLat gcj02_to_wgs84(LonLat p);
LonLat gcj02_to_bd09(LonLat p);
LonLat bd09_to_gcj02(LonLat p);

LonLat convert(LonLat p, Datum from, Datum to);

// Outside mainland China GCJ-02 equals WGS84.
bool in_china(LonLat p);

}  // namespace alley::geo
