#pragma once
// The policies module: the policy library with eligibility rules, who
// qualifies and why, 免申即享 delivery after every write of an organization
// or a policy, with the notifications that delivery sends.

namespace alley::app {
class App;
}
namespace alley::http {
class Router;
}

namespace alley::policies {

// REQUIRES: the registry module registered first (rules test organizations).
void register_module(app::App& app);

// Matches, an organization's policies, the calculator (policies/routes.cc).
void add_routes(http::Router& router, app::App& app);
// POST /api/v1/policies/rule-check (policies/rule_check_routes.cc).
void add_rule_check_route(http::Router& router, app::App& app);

}  // namespace alley::policies
