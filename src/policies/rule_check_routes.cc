// POST /api/v1/policies/rule-check: a rule checked as it is typed — where it
// fails to parse (line and column), its canonical form, and before it is
// saved, how many organizations it would hold for and which of them would
// newly be told.

#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "app/app.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/router.h"
#include "policies/module.h"
#include "policies/policy_index.h"
#include "policies/resources.h"
#include "policies/rule.h"
#include "records/repository.h"

namespace alley::policies {
namespace {

using http::HttpRequest;
using http::PathParams;
using http::RequestContext;

constexpr std::size_t kMaxRuleBytes = 4000;
constexpr std::size_t kNewlyToldShown = 50;

// The parser's message reads "line L, column C: expected …".
Json parse_failure(const Error& error) {
  int line = 0, column = 0;
  Json failure = {{"message", error.message}};
  if (std::sscanf(error.message.c_str(), "line %d, column %d", &line, &column) == 2) {
    failure["line"] = line;
    failure["column"] = column;
  }
  return failure;
}

Result<std::vector<MatchedOrganization>> organizations_for(PolicyIndex& index, store::Connection& connection,
                                                           const Rule& rule) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (Status fresh = index.refresh(connection); !fresh) return fresh.error();
    Result<std::optional<std::vector<MatchedOrganization>>> matched = index.evaluate_in_write(connection, rule);
    if (!matched) return matched.error();
    if (matched.value()) return std::move(*matched.value());
  }
  return Error::unavailable("organizations are changing as we count; try again");
}

}  // namespace

void add_rule_check_route(http::Router& router, app::App& app) {
  store::Database* db = &app.database();
  PolicyIndex* index = app.find_service<PolicyIndex>();
  router.add(
      "POST", "/api/v1/policies/rule-check",
      [db, index](RequestContext&, const HttpRequest& request, const PathParams&) {
        Result<Json> body = http::parse_json_body(request);
        if (!body) return http::problem_response(body.error());
        if (!body->is_object() || !body->contains("rule") || !(*body)["rule"].is_string()) {
          return http::problem_response(Error::invalid("give the rule as text", {{"rule", "is required text"}}));
        }
        const std::string text = (*body)["rule"].get<std::string>();
        if (text.size() > kMaxRuleBytes)
          return http::problem_response(Error::invalid("the rule is too long", {{"rule", "at most 4000 bytes"}}));
        const Json policy_id = body->value("policy_id", Json());
        if (!policy_id.is_null() && !policy_id.is_string())
          return http::problem_response(Error::invalid("policy_id must be text", {{"policy_id", "must be text"}}));
        Result<Rule> rule = parse_rule(text);
        if (!rule) return http::json_response(200, {{"valid", false}, {"error", parse_failure(rule.error())}});

        Result<Json> checked = http::run_read(*db, [&](store::Connection& connection) -> Result<Json> {
          Result<std::vector<MatchedOrganization>> matched = organizations_for(*index, connection, rule.value());
          if (!matched) return matched.error();
          // Those the saved policy holds for already were told; the others would be now.
          std::set<std::string> told;
          if (policy_id.is_string()) {
            Result<Json> saved = records::get_record(connection, policy_schema(), policy_id.get<std::string>());
            if (!saved && (saved.error().code == ErrorCode::kNotFound || saved.error().code == ErrorCode::kGone)) {
              return Error::invalid("policy_id names no saved policy; leave it out to check a new one",
                                    {{"policy_id", "is not a saved policy"}});
            }
            if (!saved) return saved.error();
            if (std::optional<Result<PolicyMatches>> current = index->matches(policy_id.get<std::string>());
                current && current->ok()) {
              for (const MatchedOrganization& organization : current->value().organizations)
                told.insert(organization.id);
            }
          }
          Json newly = Json::array();
          std::size_t newly_count = 0, staying = 0;
          for (const MatchedOrganization& organization : matched.value()) {
            if (told.count(organization.id)) {
              ++staying;
              continue;
            }
            ++newly_count;
            if (newly.size() < kNewlyToldShown)
              newly.push_back(
                  {{"id", organization.id}, {"name", organization.name}, {"synthetic", organization.synthetic}});
          }
          return Json{{"valid", true},
                      {"canonical", to_text(rule.value())},
                      {"jsonlogic", to_jsonlogic(rule.value())},
                      {"matches", matched->size()},
                      {"newly_told_count", newly_count},
                      {"newly_told", newly},
                      {"no_longer_matched", told.size() - staying}};
        });
        if (!checked) return http::problem_response(checked.error());
        return http::json_response(200, checked.value());
      },
      {"check_policy_rule",
       "Check a rule as it is typed: where it fails to parse, or how many organizations it would hold for and "
       "which would newly be told (against the saved policy, given policy_id)",
       "policies",
       "rule_check_request",
       "rule_check",
       "application/json",
       {},
       {200, 400, 401, 403, 415, 422},
       false,
       access::Access::kStaff});
  router.add_schemas([](Json& schemas) {
    schemas["rule_check_request"] = {
        {"type", "object"},
        {"required", {"rule"}},
        {"properties",
         {{"rule", {{"type", "string"}, {"maxLength", kMaxRuleBytes}}},
          {"policy_id", {{"type", "string"}, {"description", "The saved policy the rule would replace"}}}}}};
    schemas["rule_check"] = {
        {"type", "object"},
        {"required", {"valid"}},
        {"properties",
         {{"valid", {{"type", "boolean"}}},
          {"error",
           {{"type", "object"},
            {"description", "Where the rule fails to parse"},
            {"properties",
             {{"line", {{"type", "integer"}}}, {"column", {{"type", "integer"}}}, {"message", {{"type", "string"}}}}}}},
          {"canonical", {{"type", "string"}}},
          {"matches", {{"type", "integer"}}},
          {"newly_told_count", {{"type", "integer"}}},
          {"no_longer_matched", {{"type", "integer"}}}}}};
  });
}

}  // namespace alley::policies
