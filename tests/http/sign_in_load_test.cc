// Checking a password is slow on purpose (argon2id). While clients guess
// passwords, everybody else must still be served: the check must not hold the
// database's write lock, nor may guesses take every thread for long.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>

#include "support/api_test.h"

namespace alley::testing {
namespace {

using Clock = std::chrono::steady_clock;

// Statuses seen by one kind of request, for one message at the end.
class StatusTally {
 public:
  void add(int status) {
    std::lock_guard lock(mutex_);
    ++counts_[status];
  }
  int count(int status) const {
    std::lock_guard lock(mutex_);
    auto found = counts_.find(status);
    return found == counts_.end() ? 0 : found->second;
  }
  int total() const {
    std::lock_guard lock(mutex_);
    int sum = 0;
    for (const auto& [status, count] : counts_) sum += count;
    return sum;
  }
  std::string describe() const {
    std::lock_guard lock(mutex_);
    std::string text;
    for (const auto& [status, count] : counts_) text += " " + std::to_string(status) + "×" + std::to_string(count);
    return text;
  }

 private:
  mutable std::mutex mutex_;
  std::map<int, int> counts_;
};

TEST(SignInLoad, GuessedPasswordsDoNotStallReadsOrWrites) {
  TempDir dir;
  // As many request threads as an eight-core server has by default, so that
  // every guess is in the server at once.
  ServerProcess server({"--db", dir.db_url(), "--threads", "16"});
  const int port = server.port();
  // Long enough for a write stuck behind the guesses to give up waiting for
  // the database's write lock (10 s), were the guesses to hold it.
  const Clock::time_point until = Clock::now() + std::chrono::seconds(15);

  constexpr int kGuessers = 8;
  StatusTally guesses;
  std::vector<std::thread> guessers;
  for (int g = 0; g < kGuessers; ++g) {
    guessers.emplace_back([&, g] {
      // Each guess comes from a new name, and every few from a new loopback
      // address, so that neither throttle stops the guessing: every guess
      // costs a full password check.
      for (int n = 0; Clock::now() < until; ++n) {
        const std::string address = "127.0." + std::to_string(g + 1) + "." + std::to_string(2 + (n / 10) % 250);
        const Json body = {{"username", "guess-" + std::to_string(g) + "-" + std::to_string(n)},
                           {"password", "wrong-password-" + std::to_string(n)}};
        guesses.add(post_json(port, "/api/v1/session", body, {kAnonymousMarker, from_address(address)}).status);
      }
    });
  }

  // Meanwhile the others read the health check and write, one after the other.
  constexpr int kOthers = 2;
  StatusTally health, writes;
  std::vector<std::thread> others;
  for (int o = 0; o < kOthers; ++o) {
    others.emplace_back([&, o] {
      for (int i = 0; Clock::now() < until; ++i) {
        health.add(request(port, "GET", "/healthz").status);
        const Json organization = {{"name", "压测企业" + std::to_string(o) + "-" + std::to_string(i)},
                                   {"source", "sign-in load test"},
                                   {"kind", "enterprise"}};
        writes.add(post_json(port, "/api/v1/organizations", organization).status);
      }
    });
  }
  for (std::thread& other : others) other.join();
  for (std::thread& guesser : guessers) guesser.join();

  EXPECT_GT(health.total(), 0);
  EXPECT_EQ(health.count(200), health.total()) << "GET /healthz answered" << health.describe();
  EXPECT_GT(writes.total(), 0);
  EXPECT_EQ(writes.count(201), writes.total()) << "POST /api/v1/organizations answered" << writes.describe();
  // The guesses were really checked (401); some may have been turned away
  // while every password slot was taken (503), nothing else.
  EXPECT_GT(guesses.count(401), 0) << guesses.describe();
  EXPECT_EQ(guesses.count(401) + guesses.count(503), guesses.total()) << guesses.describe();
}

}  // namespace
}  // namespace alley::testing
