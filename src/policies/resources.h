#pragma once
// The policy library as a resource: each policy with its eligibility rule,
// kept as text and as JSON Logic.

#include "records/resource_schema.h"

namespace alley::policies {

records::ResourceSchema policy_resource();

// The same, as data for reads (writes go through the catalog's, which carry the hooks).
const records::ResourceSchema& policy_schema();

}  // namespace alley::policies
