#pragma once
// Checks for records with a position: a GeoJSON geometry of the types its
// field allows with every position in range, the position's quality stated,
// and positions given in a Chinese web-map datum stored converted to WGS84.

#include <vector>

#include "core/json.h"
#include "records/resource_schema.h"

namespace alley::records {

// A position needs geo_quality: surveyed, derived or approximate.
void require_quality_with_position(const Json& merged, bool has_position, std::vector<FieldError>& errors);

// The record rule of a resource with a geometry field: checks
// the geometry against the field's allowed types (FieldSpec::values) and
// converts it to WGS84 when it was given in another datum.
RecordRule geometry_rule(const FieldSpec& geometry_field);

}  // namespace alley::records
