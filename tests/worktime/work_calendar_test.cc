#include "worktime/work_calendar.h"

#include <gtest/gtest.h>

#include "core/time_text.h"

namespace alley::worktime {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

TimePoint at(const char* utc) { return *parse_utc_time(utc); }

Day day(const char* text) { return *parse_day(text); }

// The National Day holiday of 2025 as its notice (国办发明电〔2024〕12号) sets it:
// 10-01 to 10-08 off, Sunday 09-28 and Saturday 10-11 worked.
WorkCalendar national_day_2025() {
  std::vector<SpecialDay> days;
  for (int d = 1; d <= 8; ++d)
    days.push_back({Day(std::chrono::year(2025) / 10 / d), DayKind::kHoliday, "国庆节、中秋节", "notice"});
  days.push_back({day("2025-09-28"), DayKind::kAdjustedWorkday, "调休上班", "notice"});
  days.push_back({day("2025-10-11"), DayKind::kAdjustedWorkday, "调休上班", "notice"});
  return WorkCalendar(*parse_working_hours("09:00-12:00,13:00-17:00"), std::move(days));
}

TEST(WorkCalendar, AdjustedWeekendDaysAreWorkedAndHolidaysAreNot) {
  const WorkCalendar calendar = national_day_2025();
  EXPECT_TRUE(calendar.is_working_day(day("2025-09-26")));   // Friday
  EXPECT_FALSE(calendar.is_working_day(day("2025-09-27")));  // Saturday
  EXPECT_TRUE(calendar.is_working_day(day("2025-09-28")));   // Sunday, worked
  EXPECT_FALSE(calendar.is_working_day(day("2025-10-08")));  // Wednesday, holiday
  EXPECT_TRUE(calendar.is_working_day(day("2025-10-09")));
  EXPECT_TRUE(calendar.is_working_day(day("2025-10-11")));  // Saturday, worked
  EXPECT_FALSE(calendar.is_working_day(day("2025-10-12")));
  EXPECT_TRUE(calendar.covers(2025));
  EXPECT_FALSE(calendar.covers(2024));
  EXPECT_EQ(calendar.special_days_of(2025).size(), 10u);
  EXPECT_EQ(calendar.day_length(), minutes(7 * 60));
}

TEST(WorkCalendar, SevenWorkingDaysFromTheEveOfNationalDayEndOnTheThirteenth) {
  const WorkCalendar calendar = national_day_2025();
  // Friday 2025-09-26 10:00 in Shanghai. Working days after it: 09-28 (Sunday,
  // worked), 09-29, 09-30, then 10-09, 10-10, 10-11 (Saturday, worked), 10-13.
  const TimePoint filed = at("2025-09-26T02:00:00Z");
  const TimePoint due = calendar.after_working_time(filed, 7 * calendar.day_length());
  EXPECT_EQ(iso8601(due), "2025-10-13T02:00:00.000Z");  // Monday 10:00
  EXPECT_EQ(calendar.working_time_between(filed, due), milliseconds(7 * calendar.day_length()));
  // An ordinary week would have ended on Tuesday 10-07, inside the holiday.
  const WorkCalendar ordinary(*parse_working_hours("09:00-12:00,13:00-17:00"), {});
  EXPECT_EQ(iso8601(ordinary.after_working_time(filed, 7 * ordinary.day_length())), "2025-10-07T02:00:00.000Z");
}

TEST(WorkCalendar, TimeOutsideWorkingHoursDoesNotCount) {
  const WorkCalendar calendar = national_day_2025();
  // 11:30 to 13:30 in Shanghai on a Thursday: half an hour before lunch, half after.
  EXPECT_EQ(calendar.working_time_between(at("2025-09-25T03:30:00Z"), at("2025-09-25T05:30:00Z")), minutes(60));
  // Friday 16:00 to Monday 10:00: an hour on Friday, an hour on Monday.
  EXPECT_EQ(calendar.working_time_between(at("2025-09-19T08:00:00Z"), at("2025-09-22T02:00:00Z")), minutes(120));
  // Filed on Saturday night: the first working hour ends at 10:00 on the next working day, Sunday 09-28.
  EXPECT_EQ(iso8601(calendar.after_working_time(at("2025-09-27T13:00:00Z"), hours(1))), "2025-09-28T02:00:00.000Z");
  // Exactly at the end of the morning, the rest of an hour falls after lunch.
  EXPECT_EQ(iso8601(calendar.after_working_time(at("2025-09-26T03:30:00Z"), hours(1))), "2025-09-26T05:30:00.000Z");
  EXPECT_EQ(calendar.working_time_between(at("2025-10-02T00:00:00Z"), at("2025-10-03T00:00:00Z")), minutes(0));
  EXPECT_EQ(calendar.working_time_between(at("2025-10-03T00:00:00Z"), at("2025-10-02T00:00:00Z")), minutes(0));
}

TEST(WorkCalendar, WorkingHoursAreReadStrictly) {
  const auto hours = parse_working_hours("09:00-12:00,13:00-17:30");
  ASSERT_TRUE(hours.has_value());
  EXPECT_EQ(format_working_hours(*hours), "09:00-12:00,13:00-17:30");
  for (const char* bad : {"", "9:00-12:00", "09:00-12:00,", "12:00-09:00", "09:00-12:00,11:00-13:00", "25:00-26:00",
                          "09:00-12:60", "09:00_12:00", "09:00-12:00;13:00-17:00"})
    EXPECT_FALSE(parse_working_hours(bad).has_value()) << bad;
  EXPECT_FALSE(parse_day("2025-02-29").has_value());
  EXPECT_EQ(format_day(day("2024-02-29")), "2024-02-29");
  EXPECT_EQ(format_day(district_day_of(at("2025-09-30T16:00:00Z"))), "2025-10-01");  // midnight in Shanghai
}

}  // namespace
}  // namespace alley::worktime
