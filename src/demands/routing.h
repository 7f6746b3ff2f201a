#pragma once
// Where a demand goes: routing a new one by the first routing rule that holds
// for its category, the enterprise's building and sub-district and the
// enterprise itself; the unit at a level (the enterprise's sub-district, the
// category's department, the level's own unit); the level above, for an
// escalation; and the district service centre, the unit of last resort.

#include <optional>
#include <string>

#include "core/error.h"
#include "core/json.h"

namespace alley::catalog {
class Catalog;
}
namespace alley::store {
class Connection;
}

namespace alley::demands {

struct Assignment {
  std::string level_id;
  std::string unit_id;
  std::string rule_id;  // routing only: the rule that matched
  std::string note;     // why, in Chinese, for the timeline and the record
};

class Router {
 public:
  explicit Router(const catalog::Catalog& catalog) : catalog_(catalog) {}

  // Nullopt when no rule holds, or the level finds no unit (the enterprise's
  // place lies in no sub-district): the demand waits for a dispatcher.
  Result<std::optional<Assignment>> route(store::Connection& connection, const Json& demand) const;

  // The unit serving the demand at `level_id`; nullopt when that level finds none.
  Result<std::optional<Assignment>> at_level(store::Connection& connection, const Json& demand,
                                             const std::string& level_id) const;

  // The next level up from the demand's, and its unit; nullopt at the top.
  Result<std::optional<Assignment>> above(store::Connection& connection, const Json& demand) const;

  // The district service centre: the unit of the first tier of the service
  // system (1+11+11), at the department level. Invalid when no tier names one.
  Result<Assignment> last_resort(store::Connection& connection) const;

  // The level a unit serves at: the sub-district level for a sub-district,
  // the level whose own unit it is, and otherwise the department level.
  Result<std::string> level_of_unit(store::Connection& connection, const std::string& unit_id) const;

 private:
  Result<Json> record(store::Connection& connection, const char* resource, const std::string& id) const;
  Result<std::optional<std::string>> subdistrict_of(store::Connection& connection, const Json& organization) const;

  const catalog::Catalog& catalog_;
};

}  // namespace alley::demands
