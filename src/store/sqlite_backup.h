#pragma once
// Online copies of an SQLite database file with SQLite's backup API: the
// source may be serving while it is copied, and the copy is one consistent
// snapshot.

#include <functional>
#include <string>

#include "core/error.h"

namespace alley::store {

// Copies the database at `from_path` over the one at `to_path` (created if
// absent), then checks the copy's integrity. `progress` gets (pages done, total).
Status sqlite_online_copy(const std::string& from_path, const std::string& to_path,
                          const std::function<void(int, int)>& progress);

}  // namespace alley::store
