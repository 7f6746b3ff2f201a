#pragma once
// The events module's resources: the series the district runs (硅巷早餐会
// each quarter, 创新说, 创投沙龙 …) and the events themselves, with their
// venue, organisers, time, capacity, audience and the status their workflow
// moves (events/event_workflow.h). Registrations are not records: they hold
// personal data and live in their own table (events/registrations.h).

#include <vector>

#include "records/resource_schema.h"

namespace alley::events {

// event_series, events.
std::vector<records::ResourceSchema> event_resources();

// The kinds of event, shared by series and events.
records::FieldSpec event_kind_field();

}  // namespace alley::events
