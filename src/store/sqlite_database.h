#pragma once
// The embedded backend: one SQLite file in WAL mode with foreign keys on and
// full fsync on commit, so a write that was acknowledged survives a crash.

#include <memory>
#include <string>

#include "store/database.h"

namespace alley::store {

Result<std::shared_ptr<Database>> open_sqlite(const std::string& path, std::size_t max_connections);

}  // namespace alley::store
