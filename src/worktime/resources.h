#pragma once
// The working calendar as records: a district's working hours, and the days
// each year's holiday notice makes different from the ordinary week.

#include "records/resource_schema.h"

namespace alley::worktime {

records::ResourceSchema work_calendar_resource();
records::ResourceSchema calendar_day_resource();

}  // namespace alley::worktime
