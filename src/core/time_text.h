#pragma once
// Reading back the moments Alley writes. Timestamps are stored as text
// (core/clock.h); code that measures between them (working-time clocks)
// needs them as moments again.

#include <optional>
#include <string_view>

#include "core/clock.h"

namespace alley {

// The moment `text` names, for every form is_valid_utc_time accepts
// (a bare date is its UTC midnight); nullopt otherwise.
std::optional<TimePoint> parse_utc_time(std::string_view text);

// The same, or a moment with its offset from UTC (2025-09-26T10:00:00+08:00),
// as people type the time of day where they are; nullopt otherwise.
std::optional<TimePoint> parse_time_with_offset(std::string_view text);

}  // namespace alley
