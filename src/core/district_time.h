#pragma once
// The district's own time. Shanghai keeps UTC+8 all year (China has had no
// daylight saving since 1991), so a day there is a fixed window of UTC: a
// date a person writes ("remind me on 12-03", "it happened today") is read
// in it, not in UTC, where 07:00 in Shanghai is still yesterday.

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace alley {

// "2026-12-02" for 2026-12-01T16:30Z.
std::string district_date(TimePoint moment);

// "2026-12-02 00:30" for 2026-12-01T16:30Z: a moment as the district's clocks show it.
std::string district_minute(TimePoint moment);

// The first moment of `date` (YYYY-MM-DD) in the district; nullopt when it is not a date.
std::optional<TimePoint> district_day_start(std::string_view date);

}  // namespace alley
