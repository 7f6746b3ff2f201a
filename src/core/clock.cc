#include "core/clock.h"

#include <chrono>
#include <cstdio>

namespace alley {

std::string utc_now_iso8601() { return utc_iso8601_in(0); }

std::string utc_iso8601_in(long long seconds) {
  using namespace std::chrono;
  const auto now = system_clock::now() + std::chrono::seconds(seconds);
  const auto days = floor<std::chrono::days>(now);
  const year_month_day date{days};
  const hh_mm_ss time{floor<milliseconds>(now - days)};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), long(time.hours().count()),
                long(time.minutes().count()), long(time.seconds().count()), long(time.subseconds().count()));
  return buffer;
}

std::string utc_today() { return utc_now_iso8601().substr(0, 10); }

bool is_valid_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  auto number = [&](std::size_t from, std::size_t length) {
    int value = 0;
    for (std::size_t i = from; i < from + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  const std::chrono::year_month_day date{std::chrono::year{number(0, 4)},
                                         std::chrono::month{unsigned(number(5, 2))},
                                         std::chrono::day{unsigned(number(8, 2))}};
  return date.ok();
}

}  // namespace alley
