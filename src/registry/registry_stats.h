#pragma once
// Counts for the dashboard: organizations by kind, sector, tier and pipeline
// status; places by type; spaces and their area by status. Live records only;
// synthetic ones are counted and also reported apart, so a screen can say how
// much of a figure is demonstration data.

#include "core/json.h"
#include "store/database.h"

namespace alley::registry {

Result<Json> registry_stats(store::Connection& connection);

}  // namespace alley::registry
