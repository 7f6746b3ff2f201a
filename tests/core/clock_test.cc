#include "core/clock.h"

#include <gtest/gtest.h>

#include "core/time_text.h"

namespace alley {

TEST(Clock, ValidatesCalendarDates) {
  EXPECT_TRUE(is_valid_date("2025-12-31"));
  EXPECT_TRUE(is_valid_date("2024-02-29"));
  EXPECT_FALSE(is_valid_date("2025-02-29"));
  EXPECT_FALSE(is_valid_date("2025-13-01"));
  EXPECT_FALSE(is_valid_date("2025-1-01"));
  EXPECT_FALSE(is_valid_date("yesterday"));
}

TEST(Clock, NowIsIsoUtc) {
  const std::string now = system_clock()->now_iso8601();
  EXPECT_EQ(now.size(), 24u) << now;
  EXPECT_EQ(now.back(), 'Z');
  EXPECT_TRUE(is_valid_date(now.substr(0, 10)));
  EXPECT_EQ(system_clock()->today(), now.substr(0, 10));
}

TEST(Clock, ManualClockMovesOnlyWhenTold) {
  ManualClock clock(std::chrono::sys_days{std::chrono::year{2025} / 12 / 31} + std::chrono::hours{23} +
                    std::chrono::minutes{59} + std::chrono::seconds{59});
  EXPECT_EQ(clock.now_iso8601(), "2025-12-31T23:59:59.000Z");
  EXPECT_EQ(clock.now_iso8601(), "2025-12-31T23:59:59.000Z");
  clock.advance(std::chrono::seconds{1});
  EXPECT_EQ(clock.today(), "2026-01-01");
  EXPECT_EQ(clock.iso8601_in(-86400), "2025-12-31T00:00:00.000Z");
}

}  // namespace alley

namespace alley {

TEST(TimeText, WhatIsWrittenIsReadBackAsTheSameMoment) {
  const TimePoint moment = std::chrono::sys_days{std::chrono::year{2025} / 10 / 1} + std::chrono::hours{7} +
                           std::chrono::minutes{5} + std::chrono::milliseconds{42};
  ASSERT_TRUE(parse_utc_time(iso8601(moment)).has_value());
  EXPECT_EQ(*parse_utc_time(iso8601(moment)), moment);
  EXPECT_EQ(iso8601(*parse_utc_time("2025-10-01")), "2025-10-01T00:00:00.000Z");
  EXPECT_EQ(iso8601(*parse_utc_time("2025-10-01T07:05Z")), "2025-10-01T07:05:00.000Z");
  EXPECT_EQ(iso8601(*parse_utc_time("2025-10-01T07:05:09.5Z")), "2025-10-01T07:05:09.500Z");
  for (const char* bad : {"", "2025-13-01", "2025-10-01T25:00Z", "2025-10-01 07:05Z", "yesterday"})
    EXPECT_FALSE(parse_utc_time(bad).has_value()) << bad;
}

TEST(TimeText, AMomentWithAnOffsetIsReadAsTheSameMomentInUtc) {
  EXPECT_EQ(iso8601(*parse_time_with_offset("2025-09-26T10:00:00+08:00")), "2025-09-26T02:00:00.000Z");
  EXPECT_EQ(iso8601(*parse_time_with_offset("2025-09-26T01:30-05:30")), "2025-09-26T07:00:00.000Z");
  EXPECT_EQ(iso8601(*parse_time_with_offset("2025-09-26T02:00:00.250Z")), "2025-09-26T02:00:00.250Z");
  for (const char* bad : {"2025-09-26+08:00", "2025-09-26T10:00:00+8:00", "2025-09-26T10:00:00+15:00",
                          "2025-09-26T10:00:00+08:60", "2025-09-26T25:00:00+08:00", "2025-09-26T10:00:00 08:00"})
    EXPECT_FALSE(parse_time_with_offset(bad).has_value()) << bad;
}

}  // namespace alley
