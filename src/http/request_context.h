#pragma once
// What a handler knows about the request beyond its text: who is asking (set
// by the authenticator from a session cookie or an API token; empty for the
// anonymous public) and in which language.

#include <optional>
#include <string>

#include "access/user.h"

namespace alley::http {

// The languages a request may ask for (?lang= or Accept-Language). zh-Hant is
// Traditional in Taiwan's standard forms, like zh-Hant-TW; zh-Hant-HK in Hong Kong's.
inline constexpr const char* kLanguages[] = {"zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK", "en"};

struct RequestContext {
  std::string remote_address;    // the client's, through trusted proxies (http/client_address.h)
  bool over_tls = false;         // a trusted proxy says the client connected over TLS
  std::string lang = "zh-Hans";  // zh-Hans, zh-Hant (Taiwan forms), zh-Hant-TW, zh-Hant-HK or en
  std::optional<access::User> user;

  std::string actor_name() const { return user ? user->username : "anonymous"; }
  // Admins, department and sub-district staff.
  bool is_staff() const { return user && user->is_staff(); }
};

}  // namespace alley::http
