#include "core/time_text.h"

#include <chrono>
#include <string>

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

std::optional<TimePoint> parse_time_with_offset(std::string_view text) {
  if (std::optional<TimePoint> utc = parse_utc_time(text)) return utc;
  constexpr std::size_t kOffset = 6;  // ±HH:MM
  if (text.size() <= kOffset + 10) return std::nullopt;
  const std::string_view offset = text.substr(text.size() - kOffset);
  const auto digit = [&](std::size_t i) { return offset[i] >= '0' && offset[i] <= '9'; };
  if ((offset[0] != '+' && offset[0] != '-') || !digit(1) || !digit(2) || offset[3] != ':' || !digit(4) || !digit(5))
    return std::nullopt;
  const int hours = digits_at(offset, 1, 2), minutes = digits_at(offset, 4, 2);
  if (hours > 14 || minutes > 59) return std::nullopt;
  std::optional<TimePoint> local = parse_utc_time(std::string(text.substr(0, text.size() - kOffset)) + "Z");
  if (!local || text.size() - kOffset == 10) return std::nullopt;  // a bare date has no time of day to shift
  const auto shift = std::chrono::hours(hours) + std::chrono::minutes(minutes);
  return offset[0] == '+' ? *local - shift : *local + shift;
}

}  // namespace alley
