#pragma once
// A bound on how many password hashes and checks run at once in this process.
// argon2id is slow and memory-hungry on purpose (interactive limits: tens of
// milliseconds and 64 MiB each); unbounded, a crowd of sign-ins would take
// every core and that much memory each. Beyond the bound a request waits a
// little for a slot and is then refused (Unavailable), so none hangs.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

#include "core/error.h"

namespace alley::accounts {

class HashingSlots {
 public:
  explicit HashingSlots(std::size_t capacity);  // at least 1 slot, whatever is asked
  HashingSlots(const HashingSlots&) = delete;
  HashingSlots& operator=(const HashingSlots&) = delete;

  // Held while one password is hashed or checked; gives the slot back when destroyed.
  class Slot {
   public:
    explicit Slot(HashingSlots* owner) : owner_(owner) {}
    Slot(Slot&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (owner_) owner_->give_back();
    }

   private:
    HashingSlots* owner_;
  };

  // A slot, or Unavailable when none frees up within `wait`.
  Result<Slot> take(std::chrono::milliseconds wait);

  std::size_t capacity() const { return capacity_; }

 private:
  void give_back();

  const std::size_t capacity_;
  std::size_t in_use_ = 0;
  std::mutex mutex_;
  std::condition_variable freed_;
};

// How long a password waits for a slot before the request is refused.
constexpr std::chrono::milliseconds kHashingSlotWait{1000};

// The process's slots: one per hardware thread (at least one), since each
// hash keeps one core busy from start to end.
HashingSlots& process_hashing_slots();

}  // namespace alley::accounts
