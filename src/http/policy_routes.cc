// Which organizations a policy reaches, and which policies reach an
// organization, with the reasons clause by clause.

#include <nlohmann/json.hpp>

#include "http/handler_support.h"
#include "http/problem.h"
#include "http/routes.h"
#include "policies/evaluator.h"
#include "registry/repository.h"
#include "registry/schemas.h"

namespace alley::http {
namespace {

Result<std::vector<Json>> all_records(store::Connection& connection, const char* resource) {
  std::vector<Json> records;
  registry::ListQuery query;
  query.limit = registry::kMaxPageSize;
  while (true) {
    Result<registry::Page> page = registry::list_records(connection, *registry::find_schema(resource), query);
    if (!page) return page.error();
    for (Json& record : page->items) records.push_back(std::move(record));
    if (!page->next_offset) return records;
    query.offset = *page->next_offset;
  }
}

}  // namespace

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
                 Result<std::vector<Json>> organizations = all_records(connection, "organizations");
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
                 Result<std::vector<Json>> policies = all_records(connection, "policies");
                 if (!policies) return policies.error();
                 policies::OrganizationTable table(std::vector<Json>{organization.value()});
                 Json eligible = Json::array(), other = Json::array();
                 for (const Json& policy : policies.value()) {
                   if (!policy.contains("rule")) continue;
                   Result<policies::Rule> rule = policies::parse_rule(policy["rule"].get<std::string>());
                   if (!rule) continue;  // checked on write; a rule from an older parser is skipped, not fatal
                   const bool holds = !table.rows(table.evaluate(rule.value())).empty();
                   Json item = {{"policy_id", policy["id"]}, {"name", policy["name"]},
                                {"benefit", policy.value("benefit", "")}, {"rule_basis", policy.value("rule_basis", "")},
                                {"eligible", holds}, {"clauses", table.explain(rule.value(), 0)}};
                   (holds ? eligible : other).push_back(std::move(item));
                 }
                 return Json{{"organization_id", params.at("id")}, {"eligible", eligible}, {"not_eligible", other}};
               });
               if (!found) return problem_response(found.error());
               return json_response(200, found.value());
             },
             {"organization_policies", "The policies an organization qualifies for, and those it does not, with each "
                                       "clause's actual and required value (missing data shows as unknown)",
              "policies", "", "organization_policies", "application/json", {}, {200, 401, 403, 404, 410}, false,
              Access::kEditor});
}

}  // namespace alley::http
