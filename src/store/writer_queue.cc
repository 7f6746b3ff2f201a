#include "store/writer_queue.h"

#include <algorithm>

namespace alley::store {

bool WriterQueue::enter(std::chrono::milliseconds patience) {
  std::unique_lock lock(mutex_);
  if (!taken_) {
    taken_ = true;
    return true;
  }
  Waiter waiter;
  waiting_.push_back(&waiter);
  if (!waiter.woken.wait_for(lock, patience, [&] { return !taken_ && waiting_.front() == &waiter; })) {
    waiting_.erase(std::find(waiting_.begin(), waiting_.end(), &waiter));
    // Leaving the head of the line while the turn is free: the next one may have it.
    if (!taken_ && !waiting_.empty()) waiting_.front()->woken.notify_one();
    return false;
  }
  waiting_.pop_front();
  taken_ = true;
  return true;
}

void WriterQueue::leave() {
  std::lock_guard lock(mutex_);
  taken_ = false;
  if (!waiting_.empty()) waiting_.front()->woken.notify_one();
}

}  // namespace alley::store
