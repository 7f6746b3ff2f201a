// The queue SQLite's writers of one process wait in: waiters are let in in
// the order they came, each as the turn is given back; one that waits past
// its patience is told so and leaves the line without blocking the rest.

#include "store/writer_queue.h"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>
#include <vector>

namespace alley::store {
namespace {

using std::chrono::milliseconds;

TEST(WriterQueue, WaitersAreLetInInTheOrderTheyCame) {
  WriterQueue queue;
  ASSERT_TRUE(queue.enter(milliseconds(1000)));
  std::mutex order_mutex;
  std::vector<int> order;
  std::vector<std::thread> writers;
  for (int i = 0; i < 4; ++i) {
    writers.emplace_back([&, i] {
      EXPECT_TRUE(queue.enter(milliseconds(10000)));
      {
        std::lock_guard lock(order_mutex);
        order.push_back(i);
      }
      queue.leave();
    });
    // Each is in line before the next arrives.
    std::this_thread::sleep_for(milliseconds(50));
  }
  queue.leave();
  for (std::thread& writer : writers) writer.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3}));
}

TEST(WriterQueue, AWaiterOutOfPatienceIsRefusedAndTheNextStillGetsIn) {
  WriterQueue queue;
  ASSERT_TRUE(queue.enter(milliseconds(1000)));
  bool impatient = true;
  std::thread first([&] { impatient = queue.enter(milliseconds(100)); });
  std::this_thread::sleep_for(milliseconds(20));
  bool patient = false;
  std::thread second([&] {
    patient = queue.enter(milliseconds(10000));
    if (patient) queue.leave();
  });
  first.join();
  EXPECT_FALSE(impatient) << "the turn was never given back within its patience";
  queue.leave();
  second.join();
  EXPECT_TRUE(patient) << "the one behind it is let in when the turn is given back";
  EXPECT_TRUE(queue.enter(milliseconds(10))) << "and the turn is free again";
  queue.leave();
}

}  // namespace
}  // namespace alley::store
