#pragma once
// SQLite lets one writer at a time in; the others wait in its busy handler,
// which sleeps in growing steps (up to 100 ms) and wakes in no order, so
// under a burst of writes a few of them wait far longer than the rest. The
// writers of one process wait here instead, and the first in line is woken
// the moment the previous writer commits. Other processes (a backup, the
// command line) still meet the busy handler.
//
// A writer arriving while the turn is free takes it, ahead of a woken waiter
// still being scheduled: on a busy machine that keeps the database writing
// instead of waiting for a thread to run, and the waiter keeps its place at
// the head of the line (bench/registration_burst_bench.cc measures both).
//
// A turn rather than a mutex: it is given back by commit or rollback, which
// need not run on the thread that began the transaction. A writer waits no
// longer than SQLite's own busy timeout would have let it, so a turn never
// given back is an error, as it was before, and not a hang.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>

namespace alley::store {

class WriterQueue {
 public:
  // Waits until the turn is free and no earlier waiter is ahead; false when
  // `patience` ran out first (the turn is then not taken).
  bool enter(std::chrono::milliseconds patience);
  // Frees the turn and wakes the first waiter.
  void leave();

 private:
  struct Waiter {
    std::condition_variable woken;
  };

  std::mutex mutex_;
  bool taken_ = false;
  std::deque<Waiter*> waiting_;
};

}  // namespace alley::store
