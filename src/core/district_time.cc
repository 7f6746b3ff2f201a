#include "core/district_time.h"

#include <charconv>
#include <chrono>

namespace alley {
namespace {

constexpr std::chrono::hours kDistrictOffset{8};

int number_at(std::string_view text, std::size_t from, std::size_t length) {
  int value = 0;
  std::from_chars(text.data() + from, text.data() + from + length, value);
  return value;
}

}  // namespace

std::string district_date(TimePoint moment) { return iso8601(moment + kDistrictOffset).substr(0, 10); }

std::string district_minute(TimePoint moment) {
  const std::string local = iso8601(moment + kDistrictOffset);
  return local.substr(0, 10) + " " + local.substr(11, 5);
}

std::optional<TimePoint> district_day_start(std::string_view date) {
  if (!is_valid_date(date)) return std::nullopt;
  const std::chrono::year_month_day day{std::chrono::year(number_at(date, 0, 4)),
                                        std::chrono::month(unsigned(number_at(date, 5, 2))),
                                        std::chrono::day(unsigned(number_at(date, 8, 2)))};
  return TimePoint(std::chrono::sys_days(day)) - kDistrictOffset;
}

}  // namespace alley
