#pragma once
// The clock, and the text form of moments. Every read of the time goes
// through a Clock, which the application context (app/app.h) owns and hands
// to the database's connections, so tests can build the application with a
// ManualClock and move time instead of sleeping. Timestamps are stored as
// ISO 8601 UTC text so that both backends sort and compare them the same way.

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace alley {

using TimePoint = std::chrono::system_clock::time_point;

// Threading: every Clock may be read from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;

  // "2026-11-23T08:15:30.123Z"
  std::string now_iso8601() const;
  // The same format, `seconds` from now (negative: in the past).
  std::string iso8601_in(long long seconds) const;
  // "2026-11-23" in UTC (a date a person writes is the district's: core/district_time.h).
  std::string today() const;
};

// The machine's wall clock; one instance shared by everyone who needs it.
std::shared_ptr<const Clock> system_clock();

// A clock that stands still until told to move.
class ManualClock : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint(TimePoint::duration(now_.load())); }
  void set(TimePoint moment) { now_ = moment.time_since_epoch().count(); }
  void advance(std::chrono::system_clock::duration by) { now_ += by.count(); }

 private:
  std::atomic<TimePoint::rep> now_;
};

// A clock whose time is written in a file (an ISO 8601 UTC moment, as
// iso8601 writes it), read again whenever the file changes: how a test, or a
// rehearsal of a district's deadlines, moves a running server's time without
// waiting. Until the file holds a moment, the machine's time.
std::shared_ptr<const Clock> file_clock(std::string path);

// `moment` as "2026-11-23T08:15:30.123Z".
std::string iso8601(TimePoint moment);

// True for a real calendar date written as YYYY-MM-DD.
bool is_valid_date(std::string_view text);

// True for a moment in the form timestamps are stored in, or a prefix of it
// that compares the same way: YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS[.fff]]Z.
bool is_valid_utc_time(std::string_view text);

}  // namespace alley
