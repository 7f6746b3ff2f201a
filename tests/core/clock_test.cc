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
  const std::string now = utc_now_iso8601();
  EXPECT_EQ(now.size(), 24u) << now;
  EXPECT_EQ(now.back(), 'Z');
  EXPECT_TRUE(is_valid_date(now.substr(0, 10)));
  EXPECT_EQ(utc_today(), now.substr(0, 10));
}

}  // namespace alley
