#pragma once
// Registry records as GeoJSON FeatureCollections: places as points, areas and
// roads with their geometry. Coordinates are WGS84 unless another datum is
// asked for (for overlaying on Chinese web maps).

#include "geo/datum.h"
#include "records/repository.h"

namespace alley::records {

struct FeaturePage {
  Json collection;                         // a FeatureCollection, with "total" matching records and "without_geometry"
  std::optional<std::size_t> next_offset;  // of the next page, when one page was asked for
};

// The live records matching `query` that have a position, as features;
// records without one are counted in "without_geometry". Every matching
// record unless `query.paged`, then the page `query.limit` / `query.offset`.
Result<FeaturePage> feature_collection(store::Connection& connection, const ResourceSchema& schema, ListQuery query,
                                       geo::Datum datum);

}  // namespace alley::records
