#include "accounts/hashing_slots.h"

#include <algorithm>
#include <thread>

namespace alley::accounts {

HashingSlots::HashingSlots(std::size_t capacity) : capacity_(std::max<std::size_t>(1, capacity)) {}

Result<HashingSlots::Slot> HashingSlots::take(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  if (!freed_.wait_for(lock, wait, [&] { return in_use_ < capacity_; })) {
    return Error::unavailable(
        "the server is busy checking other passwords; try again in a moment (服务器繁忙，请稍后再试)");
  }
  ++in_use_;
  return Slot(this);
}

void HashingSlots::give_back() {
  {
    std::lock_guard lock(mutex_);
    --in_use_;
  }
  freed_.notify_one();
}

HashingSlots& process_hashing_slots() {
  static HashingSlots slots(std::thread::hardware_concurrency());
  return slots;
}

}  // namespace alley::accounts
