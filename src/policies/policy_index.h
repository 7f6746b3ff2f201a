#pragma once
// The resident policy index: every live organization held column by column
// (policies/evaluator.h) and every policy with its rule parsed and compiled,
// kept between requests in the application context, so that a policy's
// matches, an organization's policies and delivery after a policy write read
// columns in memory instead of rebuilding them from the database.
//
// Freshness: the audit log is the change feed. Every write of an
// organization or a policy appends to it in the write's own transaction, and
// writers hold the write lock, so its ids become visible in commit order. On
// each refresh the index reads the entries after the last one it has seen
// and re-reads only those records, which is how one app server notices what
// another wrote to the same PostgreSQL database.
//
// Threading: any number of threads may call every member; refreshes are
// serialised, readers share.

#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json.h"
#include "policies/evaluator.h"
#include "policies/rule.h"
#include "store/database.h"

namespace alley::policies {

// A policy as the index holds it; `rule` is empty when it has none, and
// `rule_problem` says why when its text no longer parses.
struct IndexedPolicy {
  Json record;
  std::optional<Rule> rule;
  std::string rule_problem;
};

// What delivery needs of a matched organization.
struct MatchedOrganization {
  std::string id;
  std::string name;
  bool synthetic = false;
};

struct PolicyMatches {
  std::string rule;                                // as stored
  std::vector<MatchedOrganization> organizations;  // in id order
};

class PolicyIndex {
 public:
  PolicyIndex();

  // Brings the index level with what `connection` sees committed: on the
  // first call every organization and policy, afterwards only the records
  // the audit log names since. REQUIRES: no transaction open on `connection`.
  Status refresh(store::Connection& connection);

  // The organizations the stored policy's rule holds for; nullopt when the
  // index holds no such policy (unknown or deleted: the caller reads the
  // record to say which). Conflict without a rule.
  std::optional<Result<PolicyMatches>> matches(const std::string& policy_id) const;

  // Every live policy, in id order.
  std::vector<IndexedPolicy> policies() const;

  // Inside a write transaction: the organizations `rule` holds for, as the
  // transaction sees them — or nullopt when organizations changed since the
  // last refresh (someone else's commit, or this transaction's own writes),
  // so the index cannot answer for this view and the caller reads the
  // database instead.
  Result<std::optional<std::vector<MatchedOrganization>>> evaluate_in_write(store::Connection& connection,
                                                                            const Rule& rule);

 private:
  struct StoredPolicy {
    IndexedPolicy policy;
    std::optional<CompiledRule> compiled;
  };

  Status load_everything(store::Connection& connection);
  Status apply(store::Connection& connection, const std::string& resource, const std::string& id);
  void put_organization(const Json& record);
  void remove_organization(const std::string& id);
  void put_policy(const Json& record);
  std::vector<MatchedOrganization> live_rows(const Bitmap& rows) const;

  mutable std::shared_mutex mutex_;
  bool loaded_ = false;
  std::int64_t seen_ = 0;  // the last audit entry reflected
  OrganizationTable table_;
  std::vector<MatchedOrganization> rows_;  // by table row
  std::vector<bool> live_;                 // by table row: deleted organizations keep their row
  std::vector<std::size_t> by_id_;         // table rows in id order
  std::map<std::string, StoredPolicy> policies_;
};

}  // namespace alley::policies
