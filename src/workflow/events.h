#pragma once
// The events of every workflow's cases, in one table: a case's history is
// its events in order, and its clocks are computed from them.
//
// REQUIRES for append_event: a write transaction.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "workflow/workflow.h"

namespace alley::store {
class Connection;
}

namespace alley::workflow {

// Gives the event the case's next sequence number and stores it.
Status append_event(store::Connection& connection, std::string_view resource, std::string_view case_id, Event& event);

// Oldest first.
Result<std::vector<Event>> events_of(store::Connection& connection, std::string_view resource,
                                     std::string_view case_id);

// Every case's events, oldest first: for reports over a whole resource.
Result<std::unordered_map<std::string, std::vector<Event>>> events_by_case(store::Connection& connection,
                                                                           std::string_view resource);

// The event as the API shows it, with the labels of its action, states and reason.
Json event_json(const Workflow& workflow, const Event& event);

// The table, for the workflow module's migration.
extern const char* const kEventsTableSql;

}  // namespace alley::workflow
