#pragma once
// Words the events module's files share.

#include <string>

#include "access/user.h"
#include "core/json.h"

namespace alley::events {

// Every event is read in the district's zone (UTC+8, no summer time).
inline constexpr const char* kDistrictZone = "Asia/Shanghai";

// A freed seat is held this long for the next on the waiting list, unless the event says otherwise.
inline constexpr int kDefaultOfferHours = 24;

// Whether the user is staff of one of the event's organisers (or an administrator).
bool organises(const access::User& user, const Json& event);

}  // namespace alley::events
