#pragma once
// The events module: the district's event series and events
// (/api/v1/event_series, /api/v1/events) moved by their workflow
// (events/event_workflow.h), registration with a waiting list
// (events/registrations.h), tickets and the door (events/tickets.h,
// events/check_in.h), and iCalendar feeds (events/ical.h). Registers after
// the workflow module.

#include "events/registrations.h"

namespace alley::app {
class App;
}
namespace alley::http {
class Router;
}

namespace alley::events {

void register_module(app::App& app);

// The module's own routes (events/routes.cc).
void add_routes(http::Router& router, app::App& app, const EventBook& book);

}  // namespace alley::events
