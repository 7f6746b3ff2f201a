#include "core/district_time.h"

#include <gtest/gtest.h>

namespace alley {

TEST(DistrictTime, ADayInShanghaiStartsAtFourPmUtcTheDayBefore) {
  const std::optional<TimePoint> start = district_day_start("2026-12-03");
  ASSERT_TRUE(start.has_value());
  EXPECT_EQ(iso8601(*start), "2026-12-02T16:00:00.000Z");
  EXPECT_EQ(district_date(*start), "2026-12-03");
  EXPECT_EQ(district_date(*start - std::chrono::milliseconds(1)), "2026-12-02");
  EXPECT_FALSE(district_day_start("2026-02-30").has_value());
}

TEST(DistrictTime, SevenInTheMorningInShanghaiIsAlreadyTodayThere) {
  // 2026-12-01T23:00Z is 07:00 on 12-02 in Shanghai, where the UTC date still says 12-01.
  const TimePoint moment = std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + std::chrono::hours{23};
  EXPECT_EQ(iso8601(moment).substr(0, 10), "2026-12-01");
  EXPECT_EQ(district_date(moment), "2026-12-02");
  EXPECT_EQ(district_minute(moment), "2026-12-02 07:00");
}

}  // namespace alley
