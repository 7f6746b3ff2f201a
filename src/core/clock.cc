#include "core/clock.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>

#include "core/time_text.h"

namespace alley {

namespace {

class SystemClock : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

class FileClock : public Clock {
 public:
  explicit FileClock(std::string path) : path_(std::move(path)) {}

  TimePoint now() const override {
    std::error_code error;
    const auto written = std::filesystem::last_write_time(path_, error);
    if (error) return std::chrono::system_clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    if (!read_ || written != written_) {
      std::ifstream file(path_);
      std::string text;
      std::getline(file, text);
      moment_ = parse_utc_time(text);
      written_ = written;
      read_ = true;
    }
    return moment_ ? *moment_ : std::chrono::system_clock::now();
  }

 private:
  std::string path_;
  mutable std::mutex mutex_;
  mutable bool read_ = false;
  mutable std::filesystem::file_time_type written_;
  mutable std::optional<TimePoint> moment_;
};

}  // namespace

std::shared_ptr<const Clock> file_clock(std::string path) { return std::make_shared<FileClock>(std::move(path)); }

std::shared_ptr<const Clock> system_clock() {
  static const std::shared_ptr<const Clock> clock = std::make_shared<SystemClock>();
  return clock;
}

std::string Clock::now_iso8601() const { return iso8601(now()); }

std::string Clock::iso8601_in(long long seconds) const { return iso8601(now() + std::chrono::seconds(seconds)); }

std::string Clock::today() const { return now_iso8601().substr(0, 10); }

std::string iso8601(TimePoint now) {
  using namespace std::chrono;
  const auto days = floor<std::chrono::days>(now);
  const year_month_day date{days};
  const hh_mm_ss time{floor<milliseconds>(now - days)};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), long(time.hours().count()), long(time.minutes().count()),
                long(time.seconds().count()), long(time.subseconds().count()));
  return buffer;
}

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
  const std::chrono::year_month_day date{std::chrono::year{number(0, 4)}, std::chrono::month{unsigned(number(5, 2))},
                                         std::chrono::day{unsigned(number(8, 2))}};
  return date.ok();
}

bool is_valid_utc_time(std::string_view text) {
  if (!is_valid_date(text.substr(0, 10))) return false;
  if (text.size() == 10) return true;
  if (text.size() < 17 || text[10] != 'T' || text.back() != 'Z') return false;
  const std::string_view time = text.substr(11, text.size() - 12);  // HH:MM[:SS[.fff]]
  auto two_digits = [&](std::size_t at, int most) {
    if (at + 2 > time.size() || time[at] < '0' || time[at] > '9' || time[at + 1] < '0' || time[at + 1] > '9')
      return false;
    return (time[at] - '0') * 10 + (time[at + 1] - '0') <= most;
  };
  if (!two_digits(0, 23) || time[2] != ':' || !two_digits(3, 59)) return false;
  if (time.size() == 5) return true;
  if (time[5] != ':' || !two_digits(6, 59)) return false;
  if (time.size() == 8) return true;
  if (time[8] != '.' || time.size() == 9) return false;
  for (std::size_t i = 9; i < time.size(); ++i) {
    if (time[i] < '0' || time[i] > '9') return false;
  }
  return true;
}

}  // namespace alley
