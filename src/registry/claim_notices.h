#pragma once
// An organization hears how staff decided what it claimed of itself: the
// value verified and now in force, or rejected with the reason given.

#include "records/resource_schema.h"

namespace alley::registry {

constexpr const char* kClaimDecision = "claim_decision";

// The after_claim_decision hook of organizations.
Status tell_organization_of_decision(store::Connection& connection, const records::Actor& actor,
                                     std::string_view organization_id, const Json& decision);

}  // namespace alley::registry
