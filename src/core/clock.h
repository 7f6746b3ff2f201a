#pragma once
// Wall-clock helpers. Timestamps are stored as ISO 8601 UTC text so that both
// backends sort and compare them the same way.

#include <string>
#include <string_view>

namespace alley {

// "2026-11-23T08:15:30.123Z"
std::string utc_now_iso8601();

// The same format, `seconds` from now (negative: in the past).
std::string utc_iso8601_in(long long seconds);

// "2026-11-23" in UTC.
std::string utc_today();

// True for a real calendar date written as YYYY-MM-DD.
bool is_valid_date(std::string_view text);

// True for a moment in the form timestamps are stored in, or a prefix of it
// that compares the same way: YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS[.fff]]Z.
bool is_valid_utc_time(std::string_view text);

}  // namespace alley
