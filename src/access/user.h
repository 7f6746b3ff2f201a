#pragma once
// The one user type: who is signed in, with a typed role. Department and
// sub-district staff belong to one department (a sub-district is a
// department of kind subdistrict, whose areas say where it answers for);
// an enterprise user belongs to one organization.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alley::access {

enum class Role { kAdmin, kDepartment, kSubdistrict, kEnterprise };

// "admin", "department", "subdistrict", "enterprise": how roles are stored and written.
std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);
const std::vector<std::string>& role_names();

// Whose fields a writer may set, lowest first. An organization's own user is
// an owner; department and sub-district staff are staff; the CLI, a pack and
// the demo act as admin.
enum class Writer { kOwner, kStaff, kAdmin };

struct User {
  std::string id;
  std::string username;
  Role role = Role::kEnterprise;
  std::string department_id;  // staff
  std::string org_id;         // enterprise users
  bool disabled = false;

  bool is_admin() const { return role == Role::kAdmin; }
  // Admins, department and sub-district staff.
  bool is_staff() const { return role != Role::kEnterprise; }
  Writer standing() const { return is_admin() ? Writer::kAdmin : is_staff() ? Writer::kStaff : Writer::kOwner; }
};

}  // namespace alley::access
