#pragma once
// The working calendar as the database holds it: the calendar record and its
// special days, read into a WorkCalendar for clocks to count with.

#include <optional>
#include <string_view>

#include "core/error.h"
#include "core/json.h"
#include "worktime/work_calendar.h"

namespace alley::store {
class Connection;
}

namespace alley::worktime {

struct StoredCalendar {
  // The calendar's record; where none is recorded, an ordinary week with
  // assumed hours, marked `"recorded": false`.
  Json record;
  WorkCalendar calendar;
};

// The calendar `calendar_id`, or the district's (the first live calendar by
// id) when none is named. Not found only for a named calendar that does not exist.
Result<StoredCalendar> load_calendar(store::Connection& connection, std::optional<std::string_view> calendar_id = {});

// The hours a calendar has until someone records its own.
inline constexpr std::string_view kAssumedWorkingHours = "09:00-12:00,13:00-17:00";

}  // namespace alley::worktime
