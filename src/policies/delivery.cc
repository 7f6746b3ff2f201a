#include "policies/delivery.h"

#include <nlohmann/json.hpp>
#include <set>

#include "core/clock.h"
#include "notifications/notifications.h"
#include "policies/evaluator.h"
#include "policies/policy_index.h"
#include "policies/resources.h"
#include "records/repository.h"
#include "registry/resources.h"
#include "store/database.h"

namespace alley::policies {
namespace {

constexpr std::string_view kPolicyMatch = "policy_match";

std::string text_of(const Json& record, const char* field) { return record.value(field, std::string()); }

Status notify_organization(store::Connection& connection, const Json& policy, const std::string& organization_id) {
  std::string message = "根据贵单位在平台登记的信息，符合「" + text_of(policy, "name") + "」的条件";
  if (const std::string benefit = text_of(policy, "benefit"); !benefit.empty()) message += "：" + benefit;
  if (text_of(policy, "rule_basis") == "illustrative") message += "（条件为示意规则，以政策原文为准）";
  return notifications::notify(connection,
                               {notifications::Recipient::kOrganization,
                                organization_id,
                                std::string(kPolicyMatch),
                                message,
                                "policies",
                                text_of(policy, "id"),
                                {{"organization_id", organization_id}, {"rule_basis", text_of(policy, "rule_basis")}}});
}

// The department hears of a policy's new matches in one digest per policy
// while it is unread, so loading a thousand enterprises does not bury its
// inbox: the digest counts them and names the latest.
Status notify_department(store::Connection& connection, const Json& policy,
                         const std::vector<const Json*>& organizations) {
  const std::string department = text_of(policy, "responsible_department_id");
  if (department.empty() || organizations.empty()) return ok_status();
  const Json& latest = *organizations.back();
  std::string suffix = text_of(policy, "rule_basis") == "illustrative" ? "（条件为示意规则）" : "";
  return notifications::notify_counted(
      connection,
      {notifications::Recipient::kDepartment,
       department,
       std::string(kPolicyMatch),
       "",
       "policies",
       text_of(policy, "id"),
       {{"organization_id", text_of(latest, "id")}, {"rule_basis", text_of(policy, "rule_basis")}}},
      std::int64_t(organizations.size()), [&](std::int64_t count) {
        return (count == 1 ? "「" + text_of(latest, "name") + "」新符合「" + text_of(policy, "name") + "」的条件"
                           : "「" + text_of(policy, "name") + "」新匹配 " + std::to_string(count) +
                                 " 家单位，最近一家：「" + text_of(latest, "name") + "」") +
               suffix;
      });
}

// Records a new match and tells the organization.
Status announce(store::Connection& connection, const Json& policy, const Json& organization) {
  const std::string organization_id = text_of(organization, "id");
  Result<std::int64_t> recorded =
      connection.execute("INSERT INTO policy_matches (policy_id, organization_id, matched_at) VALUES (?, ?, ?)",
                         {text_of(policy, "id"), organization_id, connection.clock().now_iso8601()});
  if (!recorded) return recorded.error();
  return notify_organization(connection, policy, organization_id);
}

Result<std::set<std::string>> announced(store::Connection& connection, const char* key, const char* other,
                                        const std::string& id) {
  Result<store::QueryResult> rows =
      connection.query(std::string("SELECT ") + other + " FROM policy_matches WHERE " + key + " = ?", {id});
  if (!rows) return rows.error();
  std::set<std::string> ids;
  for (const store::Row& row : rows->rows) ids.insert(store::as_text(row[0]));
  return ids;
}

Status forget(store::Connection& connection, const std::string& policy_id, const std::string& organization_id) {
  Result<std::int64_t> removed = connection.execute(
      "DELETE FROM policy_matches WHERE policy_id = ? AND organization_id = ?", {policy_id, organization_id});
  return removed ? ok_status() : Status(removed.error());
}

}  // namespace

Status deliver_after_organization_write(store::Connection& connection, const Json*, const Json* after) {
  if (!after) return ok_status();  // a deleted organization keeps its history of matches; none are new
  const std::string organization_id = text_of(*after, "id");
  Result<std::vector<Json>> policies = records::list_all_records(connection, policy_schema());
  if (!policies) return policies.error();
  Result<std::set<std::string>> before = announced(connection, "organization_id", "policy_id", organization_id);
  if (!before) return before.error();
  OrganizationTable table(std::vector<Json>{*after});
  for (const Json& policy : policies.value()) {
    if (!policy.contains("rule")) continue;
    Result<Rule> rule = parse_rule(policy["rule"].get<std::string>());
    if (!rule) continue;  // checked on write; a rule an older parser accepted is skipped, not fatal
    const bool holds = table.holds(table.compile(rule.value()), 0);
    const bool known = before->count(text_of(policy, "id")) > 0;
    Status done = holds && !known   ? announce(connection, policy, *after)
                  : !holds && known ? forget(connection, text_of(policy, "id"), organization_id)
                                    : ok_status();
    if (done && holds && !known) done = notify_department(connection, policy, {after});
    if (!done) return done;
  }
  return ok_status();
}

Status deliver_after_policy_write(store::Connection& connection, PolicyIndex& index, const Json* previous,
                                  const Json* after) {
  if (!after) return ok_status();
  // With the same rule, no organization can newly match: organizations' own
  // changes are delivered when they are written.
  if (previous && previous->value("rule", "") == after->value("rule", "")) return ok_status();
  const Json& policy = *after;
  const std::string policy_id = text_of(policy, "id");
  Result<std::set<std::string>> before = announced(connection, "policy_id", "organization_id", policy_id);
  if (!before) return before.error();
  std::set<std::string> now;
  std::vector<Json> newly;
  if (policy.contains("rule")) {
    Result<Rule> rule = parse_rule(policy["rule"].get<std::string>());
    if (!rule) return rule.error();
    Result<std::optional<std::vector<MatchedOrganization>>> resident =
        index.evaluate_in_write(connection, rule.value());
    if (!resident) return resident.error();
    if (resident.value()) {
      for (const MatchedOrganization& organization : *resident.value()) {
        now.insert(organization.id);
        if (!before->count(organization.id)) newly.push_back({{"id", organization.id}, {"name", organization.name}});
      }
    } else {
      Result<std::vector<Json>> organizations = records::list_all_records(connection, registry::organization_schema());
      if (!organizations) return organizations.error();
      OrganizationTable table(organizations.value());
      for (std::size_t row : table.rows(table.evaluate(rule.value()))) {
        now.insert(table.id(row));
        if (!before->count(table.id(row))) newly.push_back(organizations.value()[row]);
      }
    }
  }
  for (const std::string& organization_id : before.value()) {
    if (!now.count(organization_id)) {
      if (Status done = forget(connection, policy_id, organization_id); !done) return done;
    }
  }
  std::vector<const Json*> announced_now;
  for (const Json& organization : newly) {
    if (Status done = announce(connection, policy, organization); !done) return done;
    announced_now.push_back(&organization);
  }
  return notify_department(connection, policy, announced_now);
}

}  // namespace alley::policies
