#include "accounts/hashing_slots.h"

#include <gtest/gtest.h>

#include <optional>

namespace alley::accounts {
namespace {

TEST(HashingSlots, AtLeastOneSlotWhateverIsAsked) {
  EXPECT_EQ(HashingSlots(0).capacity(), 1u);
  EXPECT_EQ(HashingSlots(3).capacity(), 3u);
  EXPECT_GE(process_hashing_slots().capacity(), 1u);
}

TEST(HashingSlots, BeyondTheBoundARequestWaitsThenIsRefused) {
  HashingSlots slots(2);
  Result<HashingSlots::Slot> first = slots.take(std::chrono::milliseconds(0));
  Result<HashingSlots::Slot> second = slots.take(std::chrono::milliseconds(0));
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  Result<HashingSlots::Slot> third = slots.take(std::chrono::milliseconds(20));
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code, ErrorCode::kUnavailable);
}

TEST(HashingSlots, AGivenBackSlotIsTakenAgain) {
  HashingSlots slots(1);
  {
    Result<HashingSlots::Slot> held = slots.take(std::chrono::milliseconds(0));
    ASSERT_TRUE(held.ok());
    EXPECT_FALSE(slots.take(std::chrono::milliseconds(0)).ok());
  }
  EXPECT_TRUE(slots.take(std::chrono::milliseconds(0)).ok());
}

}  // namespace
}  // namespace alley::accounts
