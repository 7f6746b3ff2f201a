// Which organizations a policy reaches, which policies reach an organization
// (or the attributes someone types into the calculator), clause by clause.

#include <nlohmann/json.hpp>

#include "http/handler_support.h"
#include "http/problem.h"
#include "http/routes.h"
#include "policies/evaluator.h"
#include "policies/verdicts.h"
#include "registry/repository.h"
#include "registry/schemas.h"

namespace alley::http {

void add_policy_routes(Router& router, std::shared_ptr<store::Database> database) {
  store::Database* db = database.get();
  router.add("GET", "/api/v1/policies/{id}/matches",
             [db, database](RequestContext&, const HttpRequest&, const PathParams& params) {
               Result<Json> matches = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Json> policy = registry::get_record(connection, *registry::find_schema("policies"), params.at("id"));
                 if (!policy) return policy.error();
                 if (!policy.value().contains("rule")) return Error::conflict("this policy has no eligibility rule yet");
                 Result<policies::Rule> rule = policies::parse_rule(policy.value()["rule"].get<std::string>());
                 if (!rule) return rule.error();
                 Result<std::vector<Json>> organizations = registry::list_all_records(connection, *registry::find_schema("organizations"));
                 if (!organizations) return organizations.error();
                 policies::OrganizationTable table(organizations.value());
                 Json items = Json::array();
                 for (std::size_t row : table.rows(table.evaluate(rule.value()))) {
                   const Json& organization = organizations.value()[row];
                   items.push_back({{"id", organization["id"]}, {"name", organization["name"]},
                                    {"synthetic", organization.value("synthetic", false)}});
                 }
                 return Json{{"policy_id", params.at("id")}, {"rule", policy.value()["rule"]}, {"total", items.size()},
                             {"items", items}};
               });
               if (!matches) return problem_response(matches.error());
               return json_response(200, matches.value());
             },
             {"policy_matches", "The organizations a policy's rule holds for (staff: it reads non-public figures)",
              "policies", "", "policy_matches", "application/json", {}, {200, 401, 403, 404, 409, 410}, false,
              Access::kStaff});

  router.add("GET", "/api/v1/organizations/{id}/policies",
             [db, database](RequestContext& context, const HttpRequest&, const PathParams& params) {
               if (!is_staff(context) && (!context.user || context.user->org_id != params.at("id"))) {
                 return problem_response(Error{ErrorCode::kForbidden, "you may see only your own organization's policies", {}});
               }
               Result<Json> found = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Json> organization = registry::get_record(connection, *registry::find_schema("organizations"), params.at("id"));
                 if (!organization) return organization.error();
                 Result<std::vector<Json>> policies = registry::list_all_records(connection, *registry::find_schema("policies"));
                 if (!policies) return policies.error();
                 Json verdicts = policies::policy_verdicts(organization.value(), policies.value());
                 verdicts["organization_id"] = params.at("id");
                 return verdicts;
               });
               if (!found) return problem_response(found.error());
               return json_response(200, found.value());
             },
             {"organization_policies", "The policies an organization qualifies for, and those it does not, with each "
                                       "clause's actual and required value (missing data shows as unknown)",
              "policies", "", "organization_policies", "application/json", {}, {200, 401, 403, 404, 410}, false,
              Access::kEditor});

  router.add("POST", "/api/v1/policy-calculator",
             [db, database](RequestContext&, const HttpRequest& request, const PathParams&) {
               Result<Json> body = parse_json_body(request);
               if (!body) return problem_response(body.error());
               Result<Json> organization = policies::calculator_organization(body.value());
               if (!organization) return problem_response(organization.error());
               Result<Json> found = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<std::vector<Json>> policies = registry::list_all_records(connection, *registry::find_schema("policies"));
                 if (!policies) return policies.error();
                 return policies::policy_verdicts(organization.value(), policies.value());
               });
               if (!found) return problem_response(found.error());
               return json_response(200, found.value());
             },
             {"policy_calculator", "Anyone: an enterprise's attributes in, the policies it would qualify for out, clause "
                                   "by clause (nothing is stored)",
              "policies", "calculator_attributes", "policy_calculation", "application/json", {}, {200, 400, 415, 422}, false,
              Access::kPublic});
}

}  // namespace alley::http
