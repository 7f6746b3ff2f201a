#include "core/time_text.h"

#include <chrono>

namespace alley {
namespace {

int digits_at(std::string_view text, std::size_t from, std::size_t length) {
  int value = 0;
  for (std::size_t i = from; i < from + length; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

}  // namespace

std::optional<TimePoint> parse_utc_time(std::string_view text) {
  using namespace std::chrono;
  if (!is_valid_utc_time(text)) return std::nullopt;
  const year_month_day date{year(digits_at(text, 0, 4)), month(unsigned(digits_at(text, 5, 2))),
                            day(unsigned(digits_at(text, 8, 2)))};
  TimePoint moment{sys_days(date)};
  if (text.size() == 10) return moment;
  moment += hours(digits_at(text, 11, 2)) + minutes(digits_at(text, 14, 2));
  if (text.size() > 17) moment += seconds(digits_at(text, 17, 2));
  if (text.size() > 20) {
    // Fractions beyond milliseconds are read to the millisecond, as they are written.
    const std::string_view fraction = text.substr(20, text.size() - 21);
    int millis = 0;
    for (std::size_t i = 0; i < 3; ++i) millis = millis * 10 + (i < fraction.size() ? fraction[i] - '0' : 0);
    moment += milliseconds(millis);
  }
  return moment;
}

}  // namespace alley
