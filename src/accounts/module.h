#pragma once
// The accounts module: users with their roles, sessions, API tokens, the
// audit log's reader, and the authenticator that signs requests in.

namespace alley::app {
class App;
}
namespace alley::http {
class Router;
}
namespace alley::store {
class Database;
}

namespace alley::accounts {

// REQUIRES: the registry module registered first (users belong to departments and organizations).
void register_module(app::App& app);

// Session, user, token and audit routes (accounts/routes.cc).
void add_routes(http::Router& router, app::App& app);
// Enterprises' registrations and their review (accounts/registration_routes.cc).
void add_registration_routes(http::Router& router, store::Database* db);

}  // namespace alley::accounts
