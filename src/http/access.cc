#include "http/access.h"

namespace alley::http {

bool is_staff(const RequestContext& context) {
  return context.user && (context.user->role == "admin" || context.user->role == "department" ||
                          context.user->role == "subdistrict");
}

Status authorize(Access access, const RequestContext& context) {
  if (access == Access::kPublic) return ok_status();
  if (!context.user) return Error{ErrorCode::kUnauthorized, "sign in first (请先登录)", {}};
  const std::string& role = context.user->role;
  const bool allowed = access == Access::kSignedIn || (access == Access::kAdmin && role == "admin") ||
                       (access == Access::kStaff && is_staff(context)) ||
                       (access == Access::kEditor && (is_staff(context) || role == "enterprise"));
  if (!allowed) return Error{ErrorCode::kForbidden, "your role (" + role + ") may not do this (无权执行此操作)", {}};
  return ok_status();
}

std::string access_name(Access access) {
  switch (access) {
    case Access::kPublic: return "public";
    case Access::kSignedIn: return "signed-in";
    case Access::kEditor: return "editor";
    case Access::kStaff: return "staff";
    case Access::kAdmin: return "admin";
  }
  return "admin";
}

}  // namespace alley::http
