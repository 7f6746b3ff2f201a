#include "core/clock.h"

#include <gtest/gtest.h>

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
