#pragma once
// Registrations for an event, and its door. A registration takes a seat
// (confirmed) while the event has one, else joins the waiting list in
// arrival order (waitlisted). A cancelled seat is offered to the first on
// the list for the event's offer time (offered); taken up it is confirmed,
// let pass it goes to the next (expired). Confirmed and offered seats never
// exceed the capacity: every write runs in the store's one write
// transaction at a time. The event moves to 已满员 and back as its seats
// fill and free.
//
// Personal data is the least the door needs: a name, an organisation, a
// phone number (the public's only; an account says who a user is). Lists
// show the phone masked to everyone but the event's organisers.
//
// REQUIRES for every write: a write transaction.

#include <cstdint>
#include <optional>
#include <string>

#include "access/user.h"
#include "core/clock.h"
#include "core/json.h"
#include "store/database.h"
#include "workflow/workflow.h"

namespace alley::events {

// The workflow and resource a registration moves an event by (to full and back).
struct EventBook {
  const workflow::Workflow* flow = nullptr;
  const records::ResourceSchema* schema = nullptr;
};

// Who registers: a signed-in user for themself (`user`), the event's
// organisers entering someone else (`entered_by`: invitees, walk-ins), or the public (neither).
struct Registrant {
  const access::User* user = nullptr;
  const access::User* entered_by = nullptr;
  std::string name;
  std::string organisation;
  std::string phone;
};

// Reads {name, organisation?, phone?} (400/422 at the field for what is wrong).
Result<Registrant> read_registrant(const Json& body, const access::User* user);

// Registers for `event_id`: 201 with the registration and its ticket code.
// 404 for an event the reader may not see, 409 when it takes no
// registrations now or the registrant holds one already, 403 when its
// audience leaves the registrant out.
Result<Json> register_for(store::Connection& connection, const EventBook& book, const std::string& event_id,
                          const Registrant& registrant, TimePoint now);

// Cancels a registration (its registrant, or the organisers): a freed seat is offered on.
Result<Json> cancel_registration(store::Connection& connection, const EventBook& book, const std::string& event_id,
                                 const std::string& registration_id, TimePoint now);

// Takes up an offered seat before its offer runs out (409 after; settle the
// event's offers first, in a transaction of its own, so the seat passes on
// whatever this answers).
Result<Json> accept_offer(store::Connection& connection, const EventBook& book, const std::string& event_id,
                          const std::string& registration_id, TimePoint now);

// Offers that ran out pass to the next on the list; seats left over free the event again.
// For every event with offers run out when `event_id` is empty.
Status settle_offers(store::Connection& connection, const EventBook& book, const std::string& event_id, TimePoint now);

// One registration as stored, with the ticket code (for its registrant and the check-in).
Result<Json> registration_row(store::Connection& connection, const std::string& registration_id);

// Whether the user registered it (an account's own registration).
bool registered_by(const access::User& user, const Json& registration);

// The event's registrations in arrival order, phones masked unless `full_phones`.
Result<Json> list_registrations(store::Connection& connection, const std::string& event_id, bool full_phones);

// The user's own registrations over every event, newest first, with each event's name, time and status.
Result<Json> registrations_of(store::Connection& connection, const access::User& user);

// A registration as its registrant reads it: status, place on the list, ticket code.
Json registration_for_registrant(const Json& row);

// "138****5678": the first three and last four digits of a phone number.
std::string masked_phone(const std::string& phone);

struct Attendance {
  std::int64_t confirmed = 0;
  std::int64_t waitlisted = 0;
  std::int64_t offered = 0;
  std::int64_t checked_in = 0;
  std::int64_t walk_ins = 0;
};
Result<Attendance> attendance_of(store::Connection& connection, const std::string& event_id);
Json attendance_json(const Attendance& attendance, bool over);

// The registrants with an account are told the event is cancelled.
Status tell_registrants_of_cancellation(store::Connection& connection, const Json& event);

}  // namespace alley::events
