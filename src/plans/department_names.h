#pragma once
// Department ids as the names people read in a report.

#include <map>
#include <string>

#include "core/json.h"
#include "store/database.h"

namespace alley::plans {

// id → short name (科委), or full name when there is no short one.
Result<std::map<std::string, std::string>> department_names(store::Connection& connection);

// "科委、投促办" for a JSON array of ids.
std::string joined_names(const Json& ids, const std::map<std::string, std::string>& names);

}  // namespace alley::plans
