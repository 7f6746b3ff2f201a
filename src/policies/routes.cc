// Which organizations a policy reaches, which policies reach an organization
// (or the attributes someone types into the calculator), clause by clause.

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "http/handler_support.h"
#include "http/openapi.h"
#include "http/problem.h"
#include "http/router.h"
#include "policies/module.h"
#include "policies/policy_index.h"
#include "policies/resources.h"
#include "policies/verdicts.h"
#include "records/repository.h"
#include "registry/resources.h"

namespace alley::policies {

using namespace http;  // the handler vocabulary: requests, responses, problems, routes

namespace {

Json calculator_attributes() {
  Json properties = Json::object();
  for (const records::FieldSpec* spec : calculator_fields()) properties[spec->name] = http::field_schema(*spec);
  return {{"type", "object"},
          {"properties", properties},
          {"additionalProperties", false},
          {"description", "What is known of the enterprise; leave out (or send null for) what is not"}};
}

}  // namespace

void add_routes(http::Router& router, app::App& app) {
  store::Database* db = &app.database();
  PolicyIndex* index = app.find_service<PolicyIndex>();
  router.add(
      "GET", "/api/v1/policies/{id}/matches",
      [db, index](RequestContext&, const HttpRequest&, const PathParams& params) {
        const std::string& id = params.at("id");
        Result<Json> matches = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
          if (Status fresh = index->refresh(connection); !fresh) return fresh.error();
          std::optional<Result<PolicyMatches>> found = index->matches(id);
          if (!found) {
            // Unknown or deleted — or written after the refresh's snapshot, which another refresh sees.
            Result<Json> policy = records::get_record(connection, policy_schema(), id);
            if (!policy) return policy.error();
            if (Status fresh = index->refresh(connection); !fresh) return fresh.error();
            found = index->matches(id);
            if (!found) return Error::unavailable("the policy index could not catch up; try again");
          }
          if (!found->ok()) return found->error();
          Json items = Json::array();
          for (const MatchedOrganization& organization : found->value().organizations) {
            items.push_back(
                {{"id", organization.id}, {"name", organization.name}, {"synthetic", organization.synthetic}});
          }
          return Json{{"policy_id", id}, {"rule", found->value().rule}, {"total", items.size()}, {"items", items}};
        });
        if (!matches) return problem_response(matches.error());
        return json_response(200, matches.value());
      },
      {"policy_matches",
       "The organizations a policy's rule holds for (staff: it reads non-public figures)",
       "policies",
       "",
       "policy_matches",
       "application/json",
       {},
       {200, 401, 403, 404, 409, 410},
       false,
       access::Access::kStaff});

  router.add("GET", "/api/v1/organizations/{id}/policies",
             [db, index](RequestContext& context, const HttpRequest&, const PathParams& params) {
               if (!context.is_staff() && (!context.user || context.user->org_id != params.at("id"))) {
                 return problem_response(
                     Error{ErrorCode::kForbidden, "you may see only your own organization's policies", {}});
               }
               Result<Json> found = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 Result<Json> organization =
                     records::get_record(connection, registry::organization_schema(), params.at("id"));
                 if (!organization) return organization.error();
                 if (Status fresh = index->refresh(connection); !fresh) return fresh.error();
                 Json verdicts = policy_verdicts(organization.value(), index->policies());
                 verdicts["organization_id"] = params.at("id");
                 return verdicts;
               });
               if (!found) return problem_response(found.error());
               return json_response(200, found.value());
             },
             {"organization_policies",
              "The policies an organization qualifies for, and those it does not, with each "
              "clause's actual and required value (missing data shows as unknown)",
              "policies",
              "",
              "organization_policies",
              "application/json",
              {},
              {200, 401, 403, 404, 410},
              false,
              access::Access::kEditor});

  router.add("POST", "/api/v1/policy-calculator",
             [db, index](RequestContext&, const HttpRequest& request, const PathParams&) {
               Result<Json> body = parse_json_body(request);
               if (!body) return problem_response(body.error());
               Result<Json> organization = policies::calculator_organization(body.value());
               if (!organization) return problem_response(organization.error());
               Result<Json> found = run_read(*db, [&](store::Connection& connection) -> Result<Json> {
                 if (Status fresh = index->refresh(connection); !fresh) return fresh.error();
                 return policy_verdicts(organization.value(), index->policies());
               });
               if (!found) return problem_response(found.error());
               return json_response(200, found.value());
             },
             {"policy_calculator",
              "Anyone: an enterprise's attributes in, the policies it would qualify for out, clause "
              "by clause (nothing is stored)",
              "policies",
              "calculator_attributes",
              "policy_calculation",
              "application/json",
              {},
              {200, 400, 415, 422},
              false,
              access::Access::kPublic});
  add_rule_check_route(router, app);
  router.add_schemas([](Json& schemas) {
    schemas["policy_matches"] = {{"type", "object"}, {"required", {"policy_id", "total", "items"}}};
    schemas["organization_policies"] = {{"type", "object"},
                                        {"required", {"organization_id", "eligible", "not_eligible"}}};
    schemas["policy_calculation"] = {{"type", "object"}, {"required", {"eligible", "not_eligible"}}};
    schemas["calculator_attributes"] = calculator_attributes();
  });
}

}  // namespace alley::policies
