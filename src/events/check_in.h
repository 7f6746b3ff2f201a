#pragma once
// The door: a ticket's code, scanned from its QR image or typed, answered at
// once as accepted, already used (with when), not registered (no such
// ticket), for another event, waiting (on the list, or a seat offered and
// not yet taken up) or cancelled. Scanning the same ticket again changes
// nothing and answers already used, so a retried scan is harmless. People
// without a registration are added at the door (walk-ins), checked in.
//
// REQUIRES for every write: a write transaction.

#include "core/clock.h"
#include "events/registrations.h"

namespace alley::events {

// 409 while the event is not yet open, or over and reported, or cancelled.
// The answer: {result, registration?, checked_in_at?, attendance}.
Result<Json> check_in(store::Connection& connection, const EventBook& book, const std::string& event_id,
                      const std::string& typed_code, const access::User& staff, TimePoint now);

// A person who came without registering, checked in at once.
Result<Json> add_walk_in(store::Connection& connection, const EventBook& book, const std::string& event_id,
                         const Registrant& person, const access::User& staff, TimePoint now);

}  // namespace alley::events
