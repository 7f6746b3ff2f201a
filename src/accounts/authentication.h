#pragma once
// Finds the user behind a request: `Authorization: Bearer <API token>`, or the
// `alley_session` cookie. Cookie-authenticated writes must repeat the
// session's CSRF token in `X-CSRF-Token`, which another site cannot read.

#include <memory>

#include "http/router.h"
#include "store/database.h"

namespace alley::accounts {

constexpr const char* kSessionCookie = "alley_session";

http::Router::Authenticator make_authenticator(std::shared_ptr<store::Database> database);

// The value of one cookie of the request, or empty.
std::string cookie_value(const http::HttpRequest& request, const std::string& name);

}  // namespace alley::accounts
