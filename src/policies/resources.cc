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
        errors.push_back({"rule_jsonlogic", "says something other than rule; give one of the two",
                          "与规则文本不一致，请只填写其中之一"});
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
            {{field("issuer", kText, "Who issued it").labelled("发布单位", "Issuer").longest(200),
              field("document_number", kText, "文号").labelled("文号", "Document number").longest(60),
              field("valid_from", kDate, "First day it applies").labelled("生效日期", "Valid from").sort(),
              field("valid_until", kDate, "Last day it applies").labelled("失效日期", "Valid until").sort(),
              enum_field("category",
                         {"talent", "housing", "finance", "subsidy", "recognition", "fund", "insurance", "general"},
                         "What kind of support")
                  .labelled("政策类别", "Category")
                  .values_labelled({{"人才", "Talent"},
                                    {"住房保障", "Housing"},
                                    {"金融服务", "Finance"},
                                    {"资金补贴", "Subsidy"},
                                    {"资质认定", "Recognition"},
                                    {"产业基金", "Industry fund"},
                                    {"保险", "Insurance"},
                                    {"综合政策", "General"}})
                  .filter()
                  .sort(),
              field("benefit", kText, "What an eligible enterprise gets").labelled("扶持内容", "Benefit"),
              field("required_materials", kTextArray, "What to hand in").labelled("申报材料", "Required materials"),
              reference_field("responsible_department_id", "departments", "Who delivers it")
                  .labelled("负责部门", "Responsible department")
                  .filter(),
              enum_field("responsible_department_basis", {"document", "assigned"},
                         "document: the documents name this department for it; assigned: Alley's data chose it "
                         "(among the departments a document lists for the whole action, or where none is named)")
                  .labelled("责任部门依据", "Basis of the responsible department")
                  .values_labelled({{"文件所述", "Named in the documents"}, {"本平台指派", "Assigned by the platform"}})
                  .filter(),
              field("responsibility_note", kText, "What the documents say of who delivers it")
                  .labelled("责任部门说明", "What the documents say of who delivers it")
                  .longest(500),
              field("rule", kText,
                    "Eligibility in the readable rule language, e.g. employees <= 300 and rd_ratio >= 0.05")
                  .labelled("适用条件", "Eligibility rule")
                  .longest(10000),
              field("rule_jsonlogic", kJson, "The same rule as JSON Logic (give either form; both are stored)")
                  .labelled("适用条件（JSON Logic）", "Eligibility rule (JSON Logic)"),
              enum_field("rule_basis", {"document", "illustrative"},
                         "Whether the documents state the rule, or it is an illustration")
                  .labelled("条件依据", "Basis of the rule")
                  .values_labelled({{"政策原文", "Policy document"}, {"示意规则", "Illustrative rule"}})
                  .filter()}}),
       policy_rule});

  return std::move(list.front());
}

const records::ResourceSchema& policy_schema() {
  static const ResourceSchema policies = policy_resource();
  return policies;
}

}  // namespace alley::policies
