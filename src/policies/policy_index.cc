#include "policies/policy_index.h"

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>

#include "policies/resources.h"
#include "records/repository.h"
#include "registry/resources.h"

namespace alley::policies {
namespace {

constexpr const char* kOrganizations = "organizations";
constexpr const char* kPolicies = "policies";

Result<std::int64_t> latest_audit_entry(store::Connection& connection) {
  Result<store::QueryResult> latest = connection.query("SELECT COALESCE(MAX(id), 0) FROM audit_log");
  if (!latest) return latest.error();
  return store::as_integer(latest->rows[0][0]).value_or(0);
}

// Runs `work` in one read snapshot of `connection`.
Status in_snapshot(store::Connection& connection, const std::function<Status()>& work) {
  if (Status begun = connection.begin_read(); !begun) return begun;
  Status done = work();
  (void)connection.rollback();  // read only: nothing to keep
  return done;
}

}  // namespace

PolicyIndex::PolicyIndex() : table_(std::vector<Json>{}) {}

void PolicyIndex::put_organization(const Json& record) {
  const std::size_t before = table_.size();
  const std::size_t row = table_.put(record);
  MatchedOrganization summary{record.value("id", ""), record.value("name", ""), record.value("synthetic", false)};
  if (row == before) {
    rows_.push_back(std::move(summary));
    live_.push_back(true);
    auto at = std::lower_bound(by_id_.begin(), by_id_.end(), row,
                               [&](std::size_t a, std::size_t b) { return rows_[a].id < rows_[b].id; });
    by_id_.insert(at, row);
  } else {
    rows_[row] = std::move(summary);
    live_[row] = true;
  }
}

void PolicyIndex::remove_organization(const std::string& id) {
  if (std::optional<std::size_t> row = table_.row_of(id)) live_[*row] = false;
}

void PolicyIndex::put_policy(const Json& record) {
  StoredPolicy stored;
  stored.policy.record = record;
  if (record.contains("rule")) {
    Result<Rule> rule = parse_rule(record["rule"].get<std::string>());
    if (rule) {
      stored.compiled = table_.compile(rule.value());
      stored.policy.rule = std::move(rule.value());
    } else {
      stored.policy.rule_problem = rule.error().message;  // checked on write; an older parser may have accepted it
    }
  }
  policies_[record.value("id", "")] = std::move(stored);
}

Status PolicyIndex::load_everything(store::Connection& connection) {
  Result<std::int64_t> latest = latest_audit_entry(connection);
  if (!latest) return latest.error();
  Result<std::vector<Json>> organizations = records::list_all_records(connection, registry::organization_schema());
  if (!organizations) return organizations.error();
  Result<std::vector<Json>> policies = records::list_all_records(connection, policy_schema());
  if (!policies) return policies.error();
  for (const Json& organization : organizations.value()) put_organization(organization);
  for (const Json& policy : policies.value()) put_policy(policy);
  seen_ = latest.value();
  loaded_ = true;
  return ok_status();
}

Status PolicyIndex::apply(store::Connection& connection, const std::string& resource, const std::string& id) {
  const bool organization = resource == kOrganizations;
  Result<Json> record =
      records::get_record(connection, organization ? registry::organization_schema() : policy_schema(), id);
  if (!record && record.error().code != ErrorCode::kNotFound && record.error().code != ErrorCode::kGone) {
    return record.error();
  }
  if (organization) {
    record ? put_organization(record.value()) : remove_organization(id);
  } else {
    record ? put_policy(record.value()) : (void)policies_.erase(id);
  }
  return ok_status();
}

Status PolicyIndex::refresh(store::Connection& connection) {
  return in_snapshot(connection, [&]() -> Status {
    Result<std::int64_t> latest = latest_audit_entry(connection);
    if (!latest) return latest.error();
    {
      std::shared_lock reading(mutex_);
      if (loaded_ && latest.value() <= seen_) return ok_status();
    }
    std::unique_lock writing(mutex_);
    if (!loaded_) return load_everything(connection);
    // Another thread may have moved further meanwhile, from a newer snapshot.
    if (latest.value() <= seen_) return ok_status();
    Result<store::QueryResult> changed = connection.query(
        "SELECT DISTINCT resource, record_id FROM audit_log WHERE id > ? AND id <= ? AND resource IN (?, ?)",
        {seen_, latest.value(), std::string(kOrganizations), std::string(kPolicies)});
    if (!changed) return changed.error();
    for (const store::Row& row : changed->rows) {
      if (Status applied = apply(connection, store::as_text(row[0]), store::as_text(row[1])); !applied) return applied;
    }
    seen_ = latest.value();
    return ok_status();
  });
}

std::vector<MatchedOrganization> PolicyIndex::live_rows(const Bitmap& rows) const {
  std::vector<MatchedOrganization> matched;
  for (std::size_t row : by_id_) {
    if (live_[row] && row / 64 < rows.size() && (rows[row / 64] >> (row % 64) & 1)) matched.push_back(rows_[row]);
  }
  return matched;
}

std::optional<Result<PolicyMatches>> PolicyIndex::matches(const std::string& policy_id) const {
  std::shared_lock reading(mutex_);
  auto found = policies_.find(policy_id);
  if (found == policies_.end()) return std::nullopt;
  const StoredPolicy& stored = found->second;
  if (!stored.policy.record.contains("rule")) {
    return Result<PolicyMatches>(Error::conflict("this policy has no eligibility rule yet"));
  }
  if (!stored.compiled) return Result<PolicyMatches>(Error::invalid(stored.policy.rule_problem));
  return Result<PolicyMatches>(
      PolicyMatches{stored.policy.record["rule"].get<std::string>(), live_rows(table_.evaluate(*stored.compiled))});
}

std::vector<IndexedPolicy> PolicyIndex::policies() const {
  std::shared_lock reading(mutex_);
  std::vector<IndexedPolicy> list;
  list.reserve(policies_.size());
  for (const auto& [id, stored] : policies_) list.push_back(stored.policy);
  return list;
}

Result<std::optional<std::vector<MatchedOrganization>>> PolicyIndex::evaluate_in_write(store::Connection& connection,
                                                                                       const Rule& rule) {
  std::unique_lock writing(mutex_);  // compiling interns the rule's strings
  if (!loaded_) return std::optional<std::vector<MatchedOrganization>>();
  Result<store::QueryResult> changed = connection.query("SELECT COUNT(*) FROM audit_log WHERE id > ? AND resource = ?",
                                                        {seen_, std::string(kOrganizations)});
  if (!changed) return changed.error();
  if (store::as_integer(changed->rows[0][0]).value_or(0) > 0) return std::optional<std::vector<MatchedOrganization>>();
  return std::optional<std::vector<MatchedOrganization>>(live_rows(table_.evaluate(table_.compile(rule))));
}

}  // namespace alley::policies
