#pragma once
// Counts for the dashboard: organizations by kind, sector, tier and pipeline
// status (the last two for staff); places by type; spaces and their area by status. Live records only;
// synthetic ones are counted and also reported apart, so a screen can say how
// much of a figure is demonstration data.

#include "core/json.h"
#include "store/database.h"

namespace alley::registry {

// `with_private_fields`: also the counts by fields the public does not see
// (tier, the high-growth mark, pipeline status), for district staff. A count
// by a hidden field would tell what the registry hides record by record.
Result<Json> registry_stats(store::Connection& connection, bool with_private_fields);

}  // namespace alley::registry
