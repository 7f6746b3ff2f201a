#include "store/writer_queue.h"

namespace alley::store {

void WriterQueue::enter() {
  std::unique_lock lock(mutex_);
  if (!taken_) {
    taken_ = true;
    return;
  }
  Waiter waiter;
  waiting_.push_back(&waiter);
  waiter.woken.wait(lock, [&] { return !taken_ && waiting_.front() == &waiter; });
  waiting_.pop_front();
  taken_ = true;
}

void WriterQueue::leave() {
  std::lock_guard lock(mutex_);
  taken_ = false;
  if (!waiting_.empty()) waiting_.front()->woken.notify_one();
}

}  // namespace alley::store
