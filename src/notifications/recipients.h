#pragma once
// Users as recipients: whom a module may name as the one to tell (the owner
// of a follow-up), before anything is scheduled for them.

#include <optional>
#include <string>

#include "core/error.h"

namespace alley::store {
class Connection;
}

namespace alley::notifications {

struct StaffMember {
  std::string id;
  std::string username;
  std::string department_id;  // empty for administrators
};

// The active staff user (an administrator, department or sub-district staff) with this id; nullopt otherwise.
Result<std::optional<StaffMember>> find_staff_member(store::Connection& connection, const std::string& user_id);

}  // namespace alley::notifications
