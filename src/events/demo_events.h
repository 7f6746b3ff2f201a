#pragma once
// A synthetic year of events for `alley init --demo`: 2025 as the targets
// (000 §四) size it — four quarterly breakfast meetings, three large forums,
// two dozen innovation salons, five entrepreneurship events and a dozen
// outreach, courses, culture and job fairs — each run through the real
// mechanisms at the moments drawn: opened, registered for (past its
// capacity, so the waiting list and its offers work), cancelled here and
// there, closed, checked in at the door with walk-ins, held and reported.
// Three more are in the month after now and open for registration, so the
// calendar has something to offer. Every event and registration is marked
// synthetic and named 示例; the same registry always yields the same year.

#include <cstddef>

#include "events/registrations.h"

namespace alley::catalog {
class Catalog;
}

namespace alley::events {

struct DemoEvents {
  std::size_t events = 0;
  std::size_t registrations = 0;
  std::size_t checked_in = 0;
};

// REQUIRES: a write transaction, the pack loaded. Conflict when synthetic events are there already.
Result<DemoEvents> add_demo_events(store::Connection& connection, const catalog::Catalog& catalog,
                                   const EventBook& book);

}  // namespace alley::events
