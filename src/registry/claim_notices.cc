#include "registry/claim_notices.h"

#include <nlohmann/json.hpp>

#include "notifications/notifications.h"
#include "registry/resources.h"

namespace alley::registry {
namespace {

// The value as a reader writes it: numbers and lists of names, in brackets;
// an enumeration's code or a yes/no is left to the field's name.
std::string shown(const Json& value) {
  if (value.is_number()) return "（" + value.dump() + "）";
  if (value.is_array()) {
    std::string names;
    for (const Json& item : value) {
      if (item.is_string()) names += (names.empty() ? "" : "、") + item.get<std::string>();
    }
    return names.empty() ? "" : "（" + names + "）";
  }
  return "";
}

}  // namespace

Status tell_organization_of_decision(store::Connection& connection, const records::Actor&,
                                     std::string_view organization_id, const Json& decision) {
  const std::string field = decision["field"].get<std::string>();
  const records::FieldSpec* spec = organization_schema().find(field);
  const std::string label = spec && !spec->label.empty() ? spec->label : field;
  const Json& value = decision["value"];
  const bool verified = decision["verified"].get<bool>();
  std::string message = "贵单位申报的「" + label + "」" + shown(value) + (verified ? "已核实，现已生效" : "未通过核实");
  if (decision.contains("note")) message += "：" + decision["note"].get<std::string>();
  const std::string id(organization_id);
  return notifications::notify(connection, {notifications::Recipient::kOrganization,
                                            id,
                                            kClaimDecision,
                                            message,
                                            "organizations",
                                            id,
                                            {{"field", field}, {"value", value}, {"verified", verified}}});
}

}  // namespace alley::registry
