#pragma once
// What a handler knows about the request beyond its text: who is asking and in
// which language. Accounts fill `user`; until then every caller is anonymous.

#include <optional>
#include <string>

namespace alley::http {

struct User {
  std::string name;
  std::string role;
};

struct RequestContext {
  std::string request_id;
  std::string remote_address;
  std::string lang = "zh-Hans";  // zh-Hans, zh-Hant or en
  std::optional<User> user;

  std::string actor_name() const { return user ? user->name : "anonymous"; }
};

}  // namespace alley::http
