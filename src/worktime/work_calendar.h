#pragma once
// Working time: the district's working hours on its working days. A working
// day is Monday to Friday, unless the year's notice makes it a holiday, and a
// weekend day the notice makes a working day (调休) is one. Clocks that count
// "1 working day to sign for a demand" count this time, so a demand filed on
// the eve of the National Day holiday is not late on its third day.
//
// The district keeps UTC+8 all year (core/district_time.h); working hours are
// read in it. Pure computation: the calendar is loaded from the database by
// worktime/calendar_store.h.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace alley::worktime {

using Day = std::chrono::sys_days;  // a date in the district

// A stretch of working hours within a day, as minutes after the district's midnight.
struct WorkingSpan {
  std::chrono::minutes start;
  std::chrono::minutes end;
};

enum class DayKind {
  kHoliday,          // a statutory holiday, or a weekday given to it
  kAdjustedWorkday,  // a weekend day worked in exchange (调休上班)
};

struct SpecialDay {
  Day date;
  DayKind kind = DayKind::kHoliday;
  std::string name;    // 国庆节、中秋节
  std::string source;  // the notice that sets it
};

class WorkCalendar {
 public:
  // REQUIRES: `hours` ordered, not overlapping, within one day, not empty.
  WorkCalendar(std::vector<WorkingSpan> hours, std::vector<SpecialDay> days);

  bool is_working_day(Day day) const;
  const SpecialDay* special(Day day) const;  // null for an ordinary day
  std::vector<const SpecialDay*> special_days_of(int year) const;
  // Whether any notice for the year is recorded: without one, the year's
  // holidays are unknown and its clocks count an ordinary week.
  bool covers(int year) const;

  const std::vector<WorkingSpan>& hours() const { return hours_; }
  // The working time of one working day: a target of N working days is N of these.
  std::chrono::minutes day_length() const;

  // Working time from `from` to `to`; zero when `to` is not after `from`.
  std::chrono::milliseconds working_time_between(TimePoint from, TimePoint to) const;
  // The moment by which `amount` of working time has passed since `from`.
  TimePoint after_working_time(TimePoint from, std::chrono::milliseconds amount) const;

 private:
  std::vector<WorkingSpan> hours_;
  std::map<Day, SpecialDay> special_;
};

Day district_day_of(TimePoint moment);
bool is_weekend(Day day);     // Saturday or Sunday: not worked in the ordinary week
TimePoint start_of(Day day);  // the district's midnight

// "2025-10-01"; nullopt for anything that is not a real date in that form.
std::optional<Day> parse_day(std::string_view text);
std::string format_day(Day day);

// "09:00-12:00,13:00-17:00"; nullopt when malformed, overlapping or out of order.
std::optional<std::vector<WorkingSpan>> parse_working_hours(std::string_view text);
std::string format_working_hours(const std::vector<WorkingSpan>& hours);

}  // namespace alley::worktime
