#include "policies/resources.h"

#include <nlohmann/json.hpp>

#include "policies/rule.h"
#include "records/common_fields.h"

namespace alley::policies {
namespace {

using namespace records::vocabulary;

// A policy's rule is checked, and kept in both forms: given as text it gets
// its JSON Logic, given as JSON Logic it gets its text.
void policy_rule(Json& merged, const Json* before, std::vector<FieldError>& errors) {
  const bool text_changed = merged.contains("rule") && (!before || before->value("rule", "") != merged["rule"]);
  const bool logic_changed =
      merged.contains("rule_jsonlogic") &&
      (!before || !before->contains("rule_jsonlogic") || (*before)["rule_jsonlogic"] != merged["rule_jsonlogic"]);
  if (text_changed) {
    Result<Rule> rule = parse_rule(merged["rule"].get<std::string>());
    if (!rule) {
      errors.push_back({"rule", rule.error().message});
      return;
    }
    if (logic_changed) {
      Result<Rule> other = from_jsonlogic(merged["rule_jsonlogic"]);
      if (!other || to_text(other.value()) != to_text(rule.value())) {
        errors.push_back({"rule_jsonlogic", "says something other than rule; give one of the two"});
        return;
      }
    }
    merged["rule"] = to_text(rule.value());
    merged["rule_jsonlogic"] = to_jsonlogic(rule.value());
  } else if (logic_changed) {
    Result<Rule> rule = from_jsonlogic(merged["rule_jsonlogic"]);
    if (!rule) {
      errors.push_back({"rule_jsonlogic", rule.error().message});
      return;
    }
    merged["rule"] = to_text(rule.value());
    merged["rule_jsonlogic"] = to_jsonlogic(rule.value());
  } else if (!merged.contains("rule")) {
    merged.erase("rule_jsonlogic");
  }
}

}  // namespace

records::ResourceSchema policy_resource() {
  std::vector<ResourceSchema> list;
  list.push_back(
      {"policies", "policy", "policy", "政策",
       with(common_fields(),
            {{field("issuer", kText, "Who issued it").longest(200), field("document_number", kText, "文号").longest(60),
              field("valid_from", kDate, "First day it applies").sort(),
              field("valid_until", kDate, "Last day it applies").sort(),
              enum_field("category",
                         {"talent", "housing", "finance", "subsidy", "recognition", "fund", "insurance", "general"},
                         "What kind of support")
                  .filter()
                  .sort(),
              field("benefit", kText, "What an eligible enterprise gets"),
              field("required_materials", kTextArray, "What to hand in"),
              reference_field("responsible_department_id", "departments", "Who delivers it").filter(),
              enum_field("responsible_department_basis", {"document", "assigned"},
                         "document: the documents name this department for it; assigned: Alley's data chose it "
                         "(among the departments a document lists for the whole action, or where none is named)")
                  .labelled("责任部门依据")
                  .filter(),
              field("responsibility_note", kText, "What the documents say of who delivers it").longest(500),
              field("rule", kText,
                    "Eligibility in the readable rule language, e.g. employees <= 300 and rd_ratio >= 0.05")
                  .longest(10000),
              field("rule_jsonlogic", kJson, "The same rule as JSON Logic (give either form; both are stored)"),
              enum_field("rule_basis", {"document", "illustrative"},
                         "Whether the documents state the rule, or it is an illustration")
                  .filter()}}),
       policy_rule});

  return std::move(list.front());
}

const records::ResourceSchema& policy_schema() {
  static const ResourceSchema policies = policy_resource();
  return policies;
}

}  // namespace alley::policies
