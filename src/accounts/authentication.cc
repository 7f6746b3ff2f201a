#include "accounts/authentication.h"

#include "accounts/sessions.h"
#include "http/handler_support.h"

namespace alley::accounts {

using http::HttpRequest;
using http::RequestContext;

std::string cookie_value(const HttpRequest& request, const std::string& name) {
  const std::string header = request.header("cookie");
  std::size_t at = 0;
  while (at < header.size()) {
    const std::size_t end = std::min(header.find(';', at), header.size());
    std::string pair = header.substr(at, end - at);
    pair.erase(0, pair.find_first_not_of(' '));
    if (pair.starts_with(name + "=")) return pair.substr(name.size() + 1);
    at = end + 1;
  }
  return {};
}

http::Router::Authenticator make_authenticator(std::shared_ptr<store::Database> database) {
  return [database](RequestContext& context, const HttpRequest& request) -> Status {
    const std::string authorization = request.header("authorization");
    const std::string cookie = cookie_value(request, kSessionCookie);
    if (authorization.empty() && cookie.empty()) return ok_status();
    Result<store::Database::Lease> lease = database->acquire();
    if (!lease) return lease.error();
    if (!authorization.empty()) {
      if (!authorization.starts_with("Bearer ")) {
        return Error{ErrorCode::kUnauthorized, "use Authorization: Bearer <API token>", {}};
      }
      Result<std::optional<Authenticated>> found = token_user(*lease.value(), authorization.substr(7));
      if (!found) return found.error();
      if (!found.value()) return Error{ErrorCode::kUnauthorized, "the API token is not valid or was revoked", {}};
      context.user = found.value()->user;
      return ok_status();
    }
    Result<std::optional<Authenticated>> found = session_user(*lease.value(), cookie);
    if (!found) return found.error();
    if (!found.value()) return ok_status();  // an expired session: the public, until signed in again
    const bool safe = request.method == "GET" || request.method == "HEAD";
    // Signing out needs no CSRF token: the worst a forged sign-out does is sign you out.
    const bool sign_out = request.method == "DELETE" && request.path == "/api/v1/session";
    if (!safe && !sign_out && request.header("x-csrf-token") != found.value()->csrf_token) {
      return Error{ErrorCode::kForbidden, "send the X-CSRF-Token you received when signing in", {}};
    }
    context.user = found.value()->user;
    return ok_status();
  };
}

}  // namespace alley::accounts
