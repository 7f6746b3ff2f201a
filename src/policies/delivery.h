#pragma once
// 免申即享: when an organization or a policy changes, the matches the change
// newly makes become notifications, in the same transaction as the change
// itself: one for each organization, and for the policy's responsible
// department one digest per policy that counts new matches until it is read.
// policy_matches holds the matches already announced; a match that lapses is
// removed, so qualifying again later is news again.

#include "core/error.h"
#include "core/json.h"

namespace alley::store {
class Connection;
}

namespace alley::policies {

class PolicyIndex;

// After-write hooks (records/resource_schema.h) for organizations and for
// policies. A policy's new rule is evaluated over the resident index when it
// can answer for the transaction's view (policies/policy_index.h), else over
// the organizations read from the database.
Status deliver_after_organization_write(store::Connection& connection, const Json* before, const Json* after);
Status deliver_after_policy_write(store::Connection& connection, PolicyIndex& index, const Json* before,
                                  const Json* after);

}  // namespace alley::policies
