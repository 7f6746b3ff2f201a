// Several stateless app servers on one database: concurrent clients through
// both update the same records and create new ones. No update may be lost,
// no id duplicated, and totals must add up.

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "support/api_test.h"

namespace alley::testing {
namespace {

constexpr int kClients = 8;
constexpr int kIncrementsPerClient = 25;
constexpr int kCreatesPerClient = 15;
const char* const kShared[] = {"shared-a", "shared-b", "shared-c"};

TEST(SharedDatabase, TwoServersLoseNoUpdate) {
  TempDir dir;
  const std::string url = dir.db_url();
  ServerProcess first({"--db", url});
  ServerProcess second({"--db", url});
  const int ports[2] = {first.port(), second.port()};
  for (const char* id : kShared) {
    ASSERT_EQ(post_json(first.port(), "/api/v1/organizations",
                        {{"id", id}, {"name", "共享"}, {"source", "t"}, {"kind", "enterprise"}, {"employees", 0}})
                  .status,
              201);
  }

  // Two writers holding the same version: exactly one of them may win.
  Response read = request(first.port(), "GET", "/api/v1/organizations/shared-a");
  const int a = patch_json(first.port(), "/api/v1/organizations/shared-a", {{"website", "https://a.example"}},
                           read.header("etag"))
                    .status;
  const int b = patch_json(second.port(), "/api/v1/organizations/shared-a", {{"website", "https://b.example"}},
                           read.header("etag"))
                    .status;
  EXPECT_EQ(std::multiset<int>({a, b}), std::multiset<int>({200, 412}));

  std::atomic<int> increments{0}, conflicts{0}, failures{0};
  std::mutex ids_mutex;
  std::vector<std::string> created;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < kIncrementsPerClient; ++i) {
        const std::string path = std::string("/api/v1/organizations/") + kShared[(c + i) % 3];
        // Read-modify-write, retried on 412 like a careful client.
        for (int attempt = 0; attempt < 200; ++attempt) {
          const int port = ports[(c + i + attempt) % 2];
          Response current = request(port, "GET", path);
          const std::int64_t employees = json_of(current)["employees"].get<std::int64_t>();
          Response written = patch_json(port, path, {{"employees", employees + 1}}, current.header("etag"));
          if (written.status == 200) {
            ++increments;
            break;
          }
          if (written.status == 412) {
            ++conflicts;
            continue;
          }
          ++failures;
          break;
        }
        if (i < kCreatesPerClient) {
          Response made = post_json(ports[i % 2], "/api/v1/departments",
                                    {{"name", "部门"}, {"source", "t"}, {"kind", "department"}});
          if (made.status != 201) {
            ++failures;
            continue;
          }
          std::lock_guard lock(ids_mutex);
          created.push_back(json_of(made)["id"]);
        }
      }
    });
  }
  for (std::thread& client : clients) client.join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(increments.load(), kClients * kIncrementsPerClient);
  std::int64_t counted = 0;
  for (const char* id : kShared) {
    counted += json_of(request(second.port(), "GET", std::string("/api/v1/organizations/") + id))["employees"]
                   .get<std::int64_t>();
  }
  EXPECT_EQ(counted, increments.load()) << "an acknowledged update was lost";
  EXPECT_GT(conflicts.load(), 0) << "the clients never raced; the 412 path was not exercised";
  EXPECT_EQ(std::set<std::string>(created.begin(), created.end()).size(), created.size());
  EXPECT_EQ(created.size(), std::size_t(kClients * kCreatesPerClient));
  EXPECT_EQ(total_of(first.port(), "departments"), std::int64_t(created.size()));
  EXPECT_EQ(total_of(second.port(), "departments"), std::int64_t(created.size()));
}

}  // namespace
}  // namespace alley::testing
