#include "worktime/work_calendar.h"

#include <algorithm>
#include <cstdio>

namespace alley::worktime {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;

constexpr std::chrono::hours kDistrictOffset{8};
// A clock that cannot finish within ten years of working days is wrong, not long.
constexpr int kLongestSearchInDays = 3660;

std::optional<minutes> parse_clock_time(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (std::size_t i : {0, 1, 3, 4}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int hour = (text[0] - '0') * 10 + (text[1] - '0');
  const int minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (minute > 59 || hour > 24 || (hour == 24 && minute != 0)) return std::nullopt;
  return minutes(hour * 60 + minute);
}

}  // namespace

WorkCalendar::WorkCalendar(std::vector<WorkingSpan> hours, std::vector<SpecialDay> days) : hours_(std::move(hours)) {
  for (SpecialDay& day : days) {
    const Day date = day.date;
    special_.insert_or_assign(date, std::move(day));
  }
}

const SpecialDay* WorkCalendar::special(Day day) const {
  auto found = special_.find(day);
  return found == special_.end() ? nullptr : &found->second;
}

bool WorkCalendar::is_working_day(Day day) const {
  if (const SpecialDay* listed = special(day)) return listed->kind == DayKind::kAdjustedWorkday;
  return !is_weekend(day);
}

std::vector<const SpecialDay*> WorkCalendar::special_days_of(int year) const {
  using namespace std::chrono;
  const Day first{std::chrono::year(year) / January / 1};
  const Day after{std::chrono::year(year + 1) / January / 1};
  std::vector<const SpecialDay*> days;
  for (auto it = special_.lower_bound(first); it != special_.end() && it->first < after; ++it)
    days.push_back(&it->second);
  return days;
}

bool WorkCalendar::covers(int year) const { return !special_days_of(year).empty(); }

minutes WorkCalendar::day_length() const {
  minutes total{0};
  for (const WorkingSpan& span : hours_) total += span.end - span.start;
  return total;
}

milliseconds WorkCalendar::working_time_between(TimePoint from, TimePoint to) const {
  milliseconds total{0};
  if (to <= from) return total;
  for (Day day = district_day_of(from); day <= district_day_of(to); day += std::chrono::days(1)) {
    if (!is_working_day(day)) continue;
    const TimePoint midnight = start_of(day);
    for (const WorkingSpan& span : hours_) {
      const TimePoint begin = std::max(from, midnight + span.start);
      const TimePoint end = std::min(to, midnight + span.end);
      if (end > begin) total += std::chrono::duration_cast<milliseconds>(end - begin);
    }
  }
  return total;
}

TimePoint WorkCalendar::after_working_time(TimePoint from, milliseconds amount) const {
  if (amount <= milliseconds(0)) return from;
  milliseconds remaining = amount;
  Day day = district_day_of(from);
  for (int searched = 0; searched < kLongestSearchInDays; ++searched, day += std::chrono::days(1)) {
    if (!is_working_day(day)) continue;
    const TimePoint midnight = start_of(day);
    for (const WorkingSpan& span : hours_) {
      const TimePoint begin = std::max(from, midnight + span.start);
      const TimePoint end = midnight + span.end;
      if (end <= begin) continue;
      const auto available = std::chrono::duration_cast<milliseconds>(end - begin);
      if (remaining <= available) return begin + remaining;
      remaining -= available;
    }
  }
  return TimePoint::max();
}

bool is_weekend(Day day) {
  const std::chrono::weekday weekday{day};
  return weekday == std::chrono::Saturday || weekday == std::chrono::Sunday;
}

Day district_day_of(TimePoint moment) { return std::chrono::floor<std::chrono::days>(moment + kDistrictOffset); }

TimePoint start_of(Day day) { return TimePoint(day) - kDistrictOffset; }

std::optional<Day> parse_day(std::string_view text) {
  if (!is_valid_date(text)) return std::nullopt;
  auto number = [&](std::size_t from, std::size_t length) {
    int value = 0;
    for (std::size_t i = from; i < from + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  return Day(std::chrono::year(number(0, 4)) / std::chrono::month(unsigned(number(5, 2))) /
             std::chrono::day(unsigned(number(8, 2))));
}

std::string format_day(Day day) { return iso8601(TimePoint(day)).substr(0, 10); }

std::optional<std::vector<WorkingSpan>> parse_working_hours(std::string_view text) {
  std::vector<WorkingSpan> spans;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view part = text.substr(0, comma);
    if (part.size() != 11 || part[5] != '-') return std::nullopt;
    const std::optional<minutes> start = parse_clock_time(part.substr(0, 5));
    const std::optional<minutes> end = parse_clock_time(part.substr(6, 5));
    if (!start || !end || *end <= *start) return std::nullopt;
    if (!spans.empty() && *start < spans.back().end) return std::nullopt;
    spans.push_back({*start, *end});
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
    if (text.empty()) return std::nullopt;
  }
  if (spans.empty()) return std::nullopt;
  return spans;
}

std::string format_working_hours(const std::vector<WorkingSpan>& hours) {
  std::string text;
  for (const WorkingSpan& span : hours) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d-%02d:%02d", int(span.start.count() / 60),
                  int(span.start.count() % 60), int(span.end.count() / 60), int(span.end.count() % 60));
    if (!text.empty()) text += ',';
    text += buffer;
  }
  return text;
}

}  // namespace alley::worktime
