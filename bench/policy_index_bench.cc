// The resident policy index against rebuilding the columns per request, in
// the same run on the same SQLite file: a policy's matches, one
// organization's policies, and creating a policy (whose delivery evaluates
// the new rule over every organization inside the write lock). The Silicon
// Alley pack supplies the policies; synthetic enterprises are added by SQL.
//
// Run: build/bench/alley_policy_index_bench [organizations...] (default 10000 100000)

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>

#include "app/app.h"
#include "modules/modules.h"
#include "policies/evaluator.h"
#include "policies/policy_index.h"
#include "policies/verdicts.h"
#include "records/pack_loader.h"
#include "records/repository.h"

namespace {

using namespace alley;
using SteadyClock = std::chrono::steady_clock;

constexpr int kRuns = 9;

double median_ms(const std::function<void()>& work) {
  std::vector<double> times;
  for (int run = 0; run < kRuns; ++run) {
    const auto start = SteadyClock::now();
    work();
    times.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

void check(const Status& status, const char* what) {
  if (!status) {
    std::fprintf(stderr, "%s: %s\n", what, status.error().message.c_str());
    std::exit(1);
  }
}

// Synthetic enterprises straight into the table (the API would deliver
// policies to each one, which is not what is measured here).
void add_enterprises(store::Connection& connection, std::size_t count) {
  std::mt19937_64 random(2025);
  const char* sectors[] = {"[\"集成电路\"]", "[\"人工智能\"]", "[\"生物医药\",\"人工智能\"]", "[\"文创\"]"};
  const char* tiers[] = {"startup", "tech_sme", "innovative_sme", "specialized_sme"};
  check(store::in_write_transaction(connection,
                                    [&]() -> Status {
                                      for (std::size_t n = 0; n < count; ++n) {
                                        Result<std::int64_t> added = connection.execute(
                                            "INSERT INTO organizations (id, name, source, synthetic, version, "
                                            "created_at, updated_at, kind, sectors, "
                                            "tier, employees, rd_ratio, revenue_10k_cny) VALUES (?, ?, 'synthetic', 1, "
                                            "1, 't', 't', 'enterprise', ?, "
                                            "?, ?, ?, ?)",
                                            {"bench-" + std::to_string(n), "示例企业" + std::to_string(n),
                                             std::string(sectors[random() % 4]), std::string(tiers[random() % 4]),
                                             std::int64_t(random() % 800), double(random() % 300) / 1000,
                                             double(random() % 50000)});
                                        if (!added) return added.error();
                                      }
                                      return ok_status();
                                    }),
        "adding enterprises");
}

// What GET /policies/{id}/matches did before the index: read, parse, build, evaluate.
std::size_t rebuilt_matches(store::Connection& connection, const catalog::Catalog& catalog, const std::string& id) {
  Json policy = records::get_record(connection, *catalog.find("policies"), id).value();
  policies::Rule rule = policies::parse_rule(policy["rule"].get<std::string>()).value();
  std::vector<Json> organizations = records::list_all_records(connection, *catalog.find("organizations")).value();
  policies::OrganizationTable table(organizations);
  return table.rows(table.evaluate(rule)).size();
}

void measure(std::size_t count) {
  const auto folder = std::filesystem::temp_directory_path() /
                      ("alley-policy-index-bench-" + std::to_string(::getpid()) + "-" + std::to_string(count));
  std::filesystem::create_directories(folder);
  const std::string url = "sqlite:" + (folder / "bench.db").string();
  app::App app;
  modules::register_all(app);
  check(app.open_database(url, 2), "opening");
  Result<store::Database::Lease> lease = app.database().acquire();
  store::Connection& connection = *lease.value();
  check(store::in_write_transaction(connection,
                                    [&]() -> Status {
                                      auto pack =
                                          records::load_pack(connection, app.catalog().resources(),
                                                             records::find_pack("silicon-alley").value(), nullptr);
                                      return pack ? ok_status() : Status(pack.error());
                                    }),
        "loading the pack");
  add_enterprises(connection, count);

  const catalog::Catalog& catalog = app.catalog();
  std::string policy_id;
  const std::vector<Json> stored = records::list_all_records(connection, *catalog.find("policies")).value();
  for (const Json& policy : stored) {
    if (policy.contains("rule") && policy_id.empty()) policy_id = policy["id"].get<std::string>();
  }
  policies::PolicyIndex& index = *app.find_service<policies::PolicyIndex>();
  const auto load_start = SteadyClock::now();
  check(index.refresh(connection), "loading the index");
  const double load_ms = std::chrono::duration<double, std::milli>(SteadyClock::now() - load_start).count();

  std::size_t before_count = 0, after_count = 0;
  const double matches_before = median_ms([&] { before_count = rebuilt_matches(connection, catalog, policy_id); });
  const double matches_after = median_ms([&] {
    check(index.refresh(connection), "refresh");
    after_count = index.matches(policy_id)->value().organizations.size();
  });
  if (before_count != after_count) {
    std::fprintf(stderr, "the index disagrees: %zu matches rebuilt, %zu resident\n", before_count, after_count);
    std::exit(1);
  }

  const std::string organization_id = "bench-" + std::to_string(count / 2);
  const double policies_before = median_ms([&] {
    Json organization = records::get_record(connection, *catalog.find("organizations"), organization_id).value();
    std::vector<Json> all = records::list_all_records(connection, *catalog.find("policies")).value();
    (void)policies::policy_verdicts(organization, all);
  });
  const double policies_after = median_ms([&] {
    check(index.refresh(connection), "refresh");
    Json organization = records::get_record(connection, *catalog.find("organizations"), organization_id).value();
    (void)policies::policy_verdicts(organization, index.policies());
  });

  // Creating a policy: with the index behind (another server's view, or
  // before its first read) delivery reads every organization; level, it
  // evaluates the columns in memory. The rule reaches few, so the
  // notifications written are not what is timed.
  int created = 0;
  auto create_policy = [&](const catalog::Catalog& through) {
    Json policy = {{"id", "bench-policy-" + std::to_string(created++)},
                   {"name", "基准政策"},
                   {"source", "synthetic"},
                   {"rule", "employees >= 790 and rd_ratio >= 0.29"}};
    check(store::in_write_transaction(connection,
                                      [&]() -> Status {
                                        auto done = records::create_record(connection, *through.find("policies"),
                                                                           policy, {"bench"});
                                        return done ? ok_status() : Status(done.error());
                                      }),
          "creating a policy");
  };
  app::App behind;  // a second application whose index has not loaded: delivery falls back to reading
  modules::register_all(behind);
  check(behind.open_database(url, 1), "opening again");
  const double create_before = median_ms([&] { create_policy(behind.catalog()); });
  const double create_after = median_ms([&] {
    check(index.refresh(connection), "refresh");
    create_policy(catalog);
  });

  const auto total = store::as_integer(connection.query("SELECT COUNT(*) FROM organizations")->rows[0][0]).value_or(0);
  std::printf(
      "%lld organizations (%zu synthetic, the rest the pack's); policy %s matches %zu; index loaded in %.0f ms\n",
      static_cast<long long>(total), count, policy_id.c_str(), after_count, load_ms);
  std::printf("  %-34s %10s %10s %8s\n", "median of 9", "rebuilt", "resident", "ratio");
  std::printf("  %-34s %8.2f ms %8.3f ms %7.0fx\n", "GET /policies/{id}/matches", matches_before, matches_after,
              matches_before / matches_after);
  std::printf("  %-34s %8.2f ms %8.3f ms %7.1fx\n", "GET /organizations/{id}/policies", policies_before, policies_after,
              policies_before / policies_after);
  std::printf("  %-34s %8.2f ms %8.3f ms %7.1fx\n", "create a policy (with delivery)", create_before, create_after,
              create_before / create_after);
  std::filesystem::remove_all(folder);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> counts;
  for (int i = 1; i < argc; ++i) counts.push_back(std::size_t(std::atol(argv[i])));
  if (counts.empty()) counts = {10000, 100000};
  for (std::size_t count : counts) measure(count);
  return 0;
}
