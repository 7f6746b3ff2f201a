#pragma once
// Who may call a route. The table of every route and role is docs/SECURITY.md;
// tests/http/permission_matrix_test.cc holds the server to it.

#include <string>

#include "access/user.h"
#include "core/error.h"

namespace alley::access {

enum class Access {
  kPublic,    // anyone, signed in or not
  kSignedIn,  // any user
  kEditor,    // admin, department and sub-district staff; enterprise users for their own organization
  kStaff,     // admin, department and sub-district staff
  kAdmin,
};

// Unauthorized for the anonymous public (`user` null) where a user is needed,
// Forbidden for a user whose role is not enough.
Status authorize(Access access, const User* user);

std::string access_name(Access access);

}  // namespace alley::access
