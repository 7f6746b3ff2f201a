#include "events/ical.h"

#include <nlohmann/json.hpp>

#include "core/time_text.h"
#include "events/event_terms.h"

namespace alley::events {
namespace {

constexpr std::size_t kLineOctets = 75;
constexpr const char* kProduct = "-//Alley//Shanghai Silicon Alley events//ZH";

// 20250926T010000Z from the server's ISO 8601 UTC text.
std::string utc_stamp(TimePoint moment) {
  std::string iso = iso8601(moment);  // 2025-09-26T01:00:00.000Z
  std::string out;
  for (char c : iso.substr(0, 19)) {
    if (c != '-' && c != ':') out += c;
  }
  return out + "Z";
}

// The same moment as Shanghai's wall clock, for DTSTART;TZID=Asia/Shanghai.
std::string district_stamp(TimePoint moment) {
  std::string local = utc_stamp(moment + std::chrono::hours(8));
  local.pop_back();
  return local;
}

void add(std::string& out, const std::string& line) { out += folded_line(line) + "\r\n"; }

std::string status_of(const std::string& status) {
  if (status == "cancelled") return "CANCELLED";
  if (status == "planned") return "TENTATIVE";
  return "CONFIRMED";
}

}  // namespace

std::string ical_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

std::string folded_line(const std::string& line) {
  std::string out;
  std::size_t taken = 0;
  std::size_t budget = kLineOctets;
  while (line.size() - taken > budget) {
    std::size_t cut = taken + budget;
    // Back to the first byte of a character: continuation bytes are 10xxxxxx.
    while (cut > taken && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out += line.substr(taken, cut - taken) + "\r\n ";
    taken = cut;
    budget = kLineOctets - 1;  // the leading space counts
  }
  return out + line.substr(taken);
}

std::string icalendar(const std::vector<CalendarEntry>& entries, const std::string& name, TimePoint now) {
  std::string out;
  add(out, "BEGIN:VCALENDAR");
  add(out, "VERSION:2.0");
  add(out, std::string("PRODID:") + kProduct);
  add(out, "CALSCALE:GREGORIAN");
  add(out, "METHOD:PUBLISH");
  add(out, "X-WR-CALNAME:" + ical_text(name));
  add(out, std::string("X-WR-TIMEZONE:") + kDistrictZone);
  // Shanghai has kept UTC+8 without summer time since 1991.
  add(out, "BEGIN:VTIMEZONE");
  add(out, std::string("TZID:") + kDistrictZone);
  add(out, "BEGIN:STANDARD");
  add(out, "DTSTART:19910915T020000");
  add(out, "TZOFFSETFROM:+0800");
  add(out, "TZOFFSETTO:+0800");
  add(out, "TZNAME:CST");
  add(out, "END:STANDARD");
  add(out, "END:VTIMEZONE");
  const std::string stamp = utc_stamp(now);
  for (const CalendarEntry& entry : entries) {
    const Json& event = entry.event;
    const std::optional<TimePoint> start = parse_utc_time(event.value("starts_at", ""));
    if (!start) continue;
    const std::optional<TimePoint> end = parse_utc_time(event.value("ends_at", ""));
    add(out, "BEGIN:VEVENT");
    add(out, "UID:" + event.value("id", "") + "@events.alley");
    add(out, "DTSTAMP:" + stamp);
    add(out, std::string("DTSTART;TZID=") + kDistrictZone + ":" + district_stamp(*start));
    // Without its end, an hour: what a calendar program would assume for a meeting.
    add(out,
        std::string("DTEND;TZID=") + kDistrictZone + ":" + district_stamp(end ? *end : *start + std::chrono::hours(1)));
    add(out, "SEQUENCE:" + std::to_string(std::max<std::int64_t>(0, event.value("version", 1) - 1)));
    add(out, "STATUS:" + status_of(event.value("status", "")));
    add(out, "SUMMARY:" + ical_text(event.value("name", "")));
    if (event.contains("description")) add(out, "DESCRIPTION:" + ical_text(event["description"].get<std::string>()));
    if (!entry.venue.empty()) add(out, "LOCATION:" + ical_text(entry.venue));
    if (!entry.url.empty()) add(out, "URL:" + entry.url);
    if (const std::optional<TimePoint> changed = parse_utc_time(event.value("updated_at", "")))
      add(out, "LAST-MODIFIED:" + utc_stamp(*changed));
    if (const std::optional<TimePoint> created = parse_utc_time(event.value("created_at", "")))
      add(out, "CREATED:" + utc_stamp(*created));
    add(out, "END:VEVENT");
  }
  add(out, "END:VCALENDAR");
  return out;
}

}  // namespace alley::events
