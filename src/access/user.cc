#include "access/user.h"

namespace alley::access {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kDepartment:
      return "department";
    case Role::kSubdistrict:
      return "subdistrict";
    case Role::kEnterprise:
      return "enterprise";
  }
  return "enterprise";
}

const std::vector<std::string>& role_names() {
  static const std::vector<std::string> names = {"admin", "department", "subdistrict", "enterprise"};
  return names;
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role role : {Role::kAdmin, Role::kDepartment, Role::kSubdistrict, Role::kEnterprise}) {
    if (role_name(role) == name) return role;
  }
  return std::nullopt;
}

}  // namespace alley::access
