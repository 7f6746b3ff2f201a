#pragma once
// Which policies one organization qualifies for, and why: what the
// organization's page, the enterprise's own page and the public calculator
// all show.

#include <vector>

#include "core/error.h"
#include "core/json.h"

namespace alley::records {
struct FieldSpec;
}

namespace alley::policies {

struct IndexedPolicy;

// {"eligible": [...], "not_eligible": [...]}; each item names the policy
// (policy_id, name, issuer, category, benefit, rule_basis,
// responsible_department_id) with its clauses (policies/evaluator.h), the
// Chinese names of the fields it could not judge for want of data, "missing",
// and "has_alternatives" when the rule can be met in more than one way.
Json policy_verdicts(const Json& organization, const std::vector<Json>& policies);
// The same over policies whose rules are parsed already (the resident index's).
Json policy_verdicts(const Json& organization, const std::vector<IndexedPolicy>& policies);

// The organization fields the calculator asks for: those rules can test,
// less names, identifiers and free text.
std::vector<const records::FieldSpec*> calculator_fields();

// The attributes someone types into the calculator, as an organization
// record: only fields a rule can test, each checked like a stored value.
// Unknown or mistyped fields: Invalid, naming each.
Result<Json> calculator_organization(const Json& attributes);

}  // namespace alley::policies
