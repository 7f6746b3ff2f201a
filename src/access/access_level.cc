#include "access/access_level.h"

namespace alley::access {

Status authorize(Access access, const User* user) {
  if (access == Access::kPublic) return ok_status();
  if (!user) return Error{ErrorCode::kUnauthorized, "sign in first (请先登录)", {}};
  const bool allowed = access == Access::kSignedIn || (access == Access::kAdmin && user->is_admin()) ||
                       (access == Access::kStaff && user->is_staff()) || access == Access::kEditor;
  if (!allowed) {
    return Error{ErrorCode::kForbidden,
                 "your role (" + std::string(role_name(user->role)) + ") may not do this (无权执行此操作)",
                 {}};
  }
  return ok_status();
}

std::string access_name(Access access) {
  switch (access) {
    case Access::kPublic:
      return "public";
    case Access::kSignedIn:
      return "signed-in";
    case Access::kEditor:
      return "editor";
    case Access::kStaff:
      return "staff";
    case Access::kAdmin:
      return "admin";
  }
  return "admin";
}

}  // namespace alley::access
