#include "policies/verdicts.h"

#include <nlohmann/json.hpp>

#include "policies/evaluator.h"
#include "policies/policy_index.h"
#include "records/record_validator.h"
#include "registry/resources.h"

namespace alley::policies {

namespace {

// Whether the rule can be met in more than one way (an `or`, or a negated
// `and`): then an eligible organization may fail some clauses.
bool offers_alternatives(const Rule& rule, bool negated = false) {
  if (rule.kind == Rule::Kind::kOr && !negated) return true;
  if (rule.kind == Rule::Kind::kAnd && negated) return true;
  const bool inner = negated != (rule.kind == Rule::Kind::kNot);
  return std::any_of(rule.children.begin(), rule.children.end(),
                     [&](const Rule& child) { return offers_alternatives(child, inner); });
}

}  // namespace

Json policy_verdicts(const Json& organization, const std::vector<Json>& policies) {
  std::vector<IndexedPolicy> parsed;
  for (const Json& policy : policies) {
    if (!policy.contains("rule")) continue;
    Result<Rule> rule = parse_rule(policy["rule"].get<std::string>());
    if (!rule) continue;  // checked on write; a rule an older parser accepted is skipped, not fatal
    parsed.push_back({policy, std::move(rule.value()), ""});
  }
  return policy_verdicts(organization, parsed);
}

Json policy_verdicts(const Json& organization, const std::vector<IndexedPolicy>& policies) {
  OrganizationTable table(std::vector<Json>{organization});
  Json eligible = Json::array(), not_eligible = Json::array();
  for (const IndexedPolicy& indexed : policies) {
    if (!indexed.rule) continue;
    const Json& policy = indexed.record;
    const std::optional<Rule>& rule = indexed.rule;
    const bool holds = table.holds(table.compile(rule.value()), 0);
    Json clauses = table.explain(rule.value(), 0);
    Json missing = Json::array();
    for (const Json& clause : clauses) {
      if (clause["result"] == "unknown" &&
          std::find(missing.begin(), missing.end(), clause["label"]) == missing.end()) {
        missing.push_back(clause["label"]);
      }
    }
    Json item = {{"policy_id", policy["id"]}, {"name", policy["name"]}};
    for (const char* field : {"issuer", "category", "benefit", "rule_basis", "responsible_department_id"}) {
      if (policy.contains(field)) item[field] = policy[field];
    }
    item["eligible"] = holds;
    item["has_alternatives"] = offers_alternatives(rule.value());
    item["clauses"] = std::move(clauses);
    item["missing"] = std::move(missing);
    (holds ? eligible : not_eligible).push_back(std::move(item));
  }
  return Json{{"eligible", std::move(eligible)}, {"not_eligible", std::move(not_eligible)}};
}

std::vector<const records::FieldSpec*> calculator_fields() {
  std::vector<const records::FieldSpec*> fields;
  for (const records::FieldSpec& spec : registry::organization_schema().fields) {
    if (spec.tested_by_rules) fields.push_back(&spec);
  }
  return fields;
}

Result<Json> calculator_organization(const Json& attributes) {
  if (!attributes.is_object()) {
    return Error::invalid(
        "send the enterprise's attributes as a JSON object, e.g. {\"kind\": \"enterprise\", \"employees\": 50}");
  }
  const std::vector<const records::FieldSpec*> fields = calculator_fields();
  std::vector<FieldError> errors;
  Json organization = {{"id", "calculator"}};
  for (const auto& item : attributes.items()) {
    const std::string& name = item.key();
    const Json& value = item.value();
    auto found =
        std::find_if(fields.begin(), fields.end(), [&](const records::FieldSpec* spec) { return spec->name == name; });
    if (found == fields.end()) {
      errors.push_back({name, "is not an attribute eligibility rules look at", "不是政策条件所用的属性"});
      continue;
    }
    const records::FieldSpec* spec = *found;
    if (value.is_null()) continue;  // left blank: unknown
    if (std::optional<FieldError> problem = records::value_problem(*spec, value)) {
      errors.push_back(std::move(*problem));
      continue;
    }
    organization[name] = value;
  }
  if (!errors.empty()) return Error::invalid("some attributes cannot be used", std::move(errors));
  return organization;
}

}  // namespace alley::policies
