#pragma once
// What a handler knows about the request beyond its text: who is asking (set
// by http/authentication.cc from a session cookie or an API token; empty for
// the anonymous public) and in which language.

#include <optional>
#include <string>

namespace alley::http {

struct User {
  std::string id;
  std::string name;
  std::string role;           // admin, department, subdistrict, enterprise
  std::string department_id;  // staff
  std::string org_id;         // enterprise users
};

struct RequestContext {
  std::string remote_address;    // the client's, through trusted proxies (http/client_address.h)
  bool over_tls = false;         // a trusted proxy says the client connected over TLS
  std::string lang = "zh-Hans";  // zh-Hans, zh-Hant or en
  std::optional<User> user;

  std::string actor_name() const { return user ? user->name : "anonymous"; }
};

}  // namespace alley::http
