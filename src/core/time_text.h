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

}  // namespace alley
