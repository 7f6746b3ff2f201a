#pragma once
// Events as iCalendar (RFC 5545): one calendar of VEVENTs with the
// district's zone as a VTIMEZONE, so an ordinary calendar program shows
// each at its hour in Shanghai wherever it runs. Each event keeps its UID
// for good, raises SEQUENCE with each change (its record's version), and a
// cancelled one says STATUS:CANCELLED, so an imported copy follows the
// district's. Lines are folded at 75 octets, never inside a character.
// Events with no start time (the documents gave only a year) are left out.

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/json.h"

namespace alley::events {

struct CalendarEntry {
  Json event;
  std::string venue;  // the venue's name, or its address
  std::string url;    // the event's page
};

// The calendar's name is its X-WR-CALNAME; `now` its DTSTAMP.
std::string icalendar(const std::vector<CalendarEntry>& entries, const std::string& name, TimePoint now);

// Text as a property value: backslash, semicolon, comma and line breaks escaped.
std::string ical_text(const std::string& text);

// A content line folded at 75 octets with CRLF and a space, each piece whole UTF-8.
std::string folded_line(const std::string& line);

}  // namespace alley::events
