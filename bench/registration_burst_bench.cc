// A registration burst through HTTP: the real server on a SQLite file with
// the Silicon Alley pack, one event of 1,000 seats, and 5,000 members of
// the public registering from 16 connections at once, as when a popular
// event opens. Prints each request's median and p99 latency (target p99
// under 50 ms) and the throughput, then proves the seats add up: exactly
// the capacity confirmed, the rest waiting in arrival order, none lost.
// Run: build/bench/alley_registration_bench [registrations] [clients]

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "percentile.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace {

using alley::bench::percentile;

using namespace alley;
using namespace alley::testing;
using Stopwatch = std::chrono::steady_clock;

constexpr int kSeats = 1000;

}  // namespace

int main(int argc, char** argv) {
  const int registrations = argc > 1 ? std::atoi(argv[1]) : 5000;
  const int clients = argc > 2 ? std::atoi(argv[2]) : 16;
  TempDir dir;
  if (run_alley({"init", "--db", dir.db_url()}).exit_code != 0) return std::fprintf(stderr, "init failed\n"), 1;
  ServerProcess server({"--db", dir.db_url()});
  const int port = server.port();
  Response created = request(port, "POST", "/api/v1/events",
                             nlohmann::json{{"name", "硅巷早餐会（报名压力测试）"},
                                            {"kind", "breakfast"},
                                            {"source", "benchmark"},
                                            {"audience", "public"},
                                            {"capacity", kSeats},
                                            {"organiser_ids", {"science-tech-commission"}},
                                            {"starts_at", "2026-12-18T08:00:00+08:00"}}
                                 .dump());
  if (created.status != 201) return std::fprintf(stderr, "%s\n", created.body.c_str()), 1;
  const std::string id = nlohmann::json::parse(created.body)["id"];
  Response opened =
      request(port, "POST", "/api/v1/events/" + id + "/actions", nlohmann::json{{"action", "open_registration"}}.dump(),
              {{"If-Match", created.header("etag")}});
  if (opened.status != 200) return std::fprintf(stderr, "%s\n", opened.body.c_str()), 1;

  std::vector<std::vector<double>> latencies(clients);
  std::atomic<int> next = 0, failures = 0;
  const auto start = Stopwatch::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      for (int i = next++; i < registrations; i = next++) {
        const std::string body =
            nlohmann::json{{"name", "报名者" + std::to_string(i)}, {"phone", "139" + std::to_string(10000000 + i)}}
                .dump();
        const auto sent = Stopwatch::now();
        Response answer = request(port, "POST", "/api/v1/events/" + id + "/registrations", body,
                                  {kAnonymousMarker, from_address("127.0.0." + std::to_string(2 + c))});
        latencies[c].push_back(std::chrono::duration<double, std::milli>(Stopwatch::now() - sent).count());
        if (answer.status != 201) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const double seconds = std::chrono::duration<double>(Stopwatch::now() - start).count();
  std::vector<double> all;
  for (const auto& one : latencies) all.insert(all.end(), one.begin(), one.end());

  const nlohmann::json listed =
      nlohmann::json::parse(request(port, "GET", "/api/v1/events/" + id + "/registrations").body);
  int confirmed = 0, waiting = 0;
  std::int64_t last_confirmed = 0, first_waiting = registrations + 1;
  std::set<std::int64_t> seqs;
  for (const auto& row : listed["items"]) {
    const std::int64_t seq = row["seq"];
    seqs.insert(seq);
    if (row["status"] == "confirmed") {
      ++confirmed;
      last_confirmed = std::max(last_confirmed, seq);
    } else if (row["status"] == "waitlisted") {
      ++waiting;
      first_waiting = std::min(first_waiting, seq);
    }
  }
  std::printf("%d registrations from %d clients in %.2f s (%.0f a second)\n", registrations, clients, seconds,
              double(registrations) / seconds);
  std::printf("latency per registration: median %.2f ms, p99 %.2f ms (target p99 under 50 ms: %s)\n",
              percentile(all, 0.5), percentile(all, 0.99), percentile(all, 0.99) < 50 ? "met" : "not met");
  const bool adds_up = failures == 0 && int(listed["items"].size()) == registrations && confirmed == kSeats &&
                       waiting == registrations - kSeats && int(seqs.size()) == registrations &&
                       last_confirmed < first_waiting;
  std::printf(
      "seats: %d confirmed of %d, %d waiting, %zu stored, %d refused; the first %d to arrive hold the seats: %s\n",
      confirmed, kSeats, waiting, listed["items"].size(), failures.load(), kSeats, adds_up ? "yes" : "NO");
  return adds_up ? 0 : 1;
}
