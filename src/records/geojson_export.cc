#include "records/geojson_export.h"

#include <nlohmann/json.hpp>

namespace alley::records {
namespace {

void convert_coordinates(Json& coordinates, geo::Datum datum) {
  if (coordinates.is_array() && coordinates.size() >= 2 && coordinates[0].is_number()) {
    const geo::LonLat p =
        geo::convert({coordinates[0].get<double>(), coordinates[1].get<double>()}, geo::Datum::kWgs84, datum);
    coordinates[0] = p.lon;
    coordinates[1] = p.lat;
    return;
  }
  for (Json& inner : coordinates) convert_coordinates(inner, datum);
}

}  // namespace

Result<FeaturePage> feature_collection(store::Connection& connection, const ResourceSchema& schema, ListQuery query,
                                       geo::Datum datum) {
  Json features = Json::array();
  std::int64_t without_geometry = 0;
  std::int64_t total = 0;
  std::optional<std::size_t> next_offset;
  if (!query.paged) {
    query.limit = kMaxPageSize;
    query.offset = 0;
  }
  while (true) {
    Result<Page> page = list_records(connection, schema, query);
    if (!page) return page.error();
    total = page->total;
    next_offset = page->next_offset;
    for (Json& record : page->items) {
      Json geometry;
      if (schema.has_point && record.contains("lon")) {
        geometry = {{"type", "Point"}, {"coordinates", {record["lon"], record["lat"]}}};
        record.erase("lon");
        record.erase("lat");
      } else if (schema.has_geometry && record.contains("geometry")) {
        geometry = std::move(record["geometry"]);
        record.erase("geometry");
      } else {
        ++without_geometry;
        continue;
      }
      if (datum != geo::Datum::kWgs84) convert_coordinates(geometry["coordinates"], datum);
      Json feature = Json::object();
      feature["type"] = "Feature";
      feature["id"] = record["id"];
      feature["geometry"] = std::move(geometry);
      feature["properties"] = std::move(record);
      features.push_back(std::move(feature));
    }
    if (query.paged || !next_offset) break;
    query.offset = *next_offset;
  }
  Json collection = Json::object();
  collection["type"] = "FeatureCollection";
  collection["datum"] = std::string(geo::datum_name(datum));
  collection["total"] = total;
  collection["without_geometry"] = without_geometry;
  collection["features"] = std::move(features);
  return FeaturePage{std::move(collection), next_offset};
}

}  // namespace alley::records
