#pragma once
// Registry records as GeoJSON FeatureCollections: places as points, areas and
// roads with their geometry. Coordinates are WGS84 unless another datum is
// asked for (for overlaying on Chinese web maps).

#include "geo/datum.h"
#include "registry/repository.h"

namespace alley::registry {

// Every live record matching `query` (limit/offset ignored) that has a
// position; records without one are counted in "without_geometry".
Result<Json> feature_collection(store::Connection& connection, const ResourceSchema& schema, ListQuery query,
                                geo::Datum datum);

}  // namespace alley::registry
