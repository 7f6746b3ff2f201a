// Registry hot paths on the Silicon Alley pack plus the demo population, in a
// real SQLite file: validating a write, reading one record, and a filtered,
// sorted page of organizations. Run: build/bench/alley_bench

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "modules/modules.h"
#include "records/pack_loader.h"
#include "records/record_validator.h"
#include "registry/demo_population.h"

namespace {

using alley::Json;
namespace records = alley::records;
namespace registry = alley::registry;
namespace store = alley::store;

struct Populated {
  std::filesystem::path folder;
  alley::app::App app;
  std::shared_ptr<store::Database> database;

  Populated() {
    folder = std::filesystem::temp_directory_path() / ("alley-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    alley::modules::register_all(app);
    if (!app.open_database("sqlite:" + (folder / "bench.db").string(), 1).ok()) std::abort();
    database = app.shared_database();
    auto lease = database->acquire();
    store::Connection& connection = *lease.value();
    const alley::Status loaded = store::in_write_transaction(connection, [&]() -> alley::Status {
      auto pack = records::load_pack(connection, app.catalog().resources(), records::find_pack("silicon-alley").value(),
                                     nullptr);
      if (!pack) return pack.error();
      auto demo = registry::add_demo_population(connection, app.catalog());
      if (!demo) return demo.error();
      return alley::ok_status();
    });
    if (!loaded.ok()) std::abort();
  }
  ~Populated() { std::filesystem::remove_all(folder); }
};

Populated& populated() {
  static Populated instance;
  return instance;
}

void BM_ValidateOrganization(benchmark::State& state) {
  const auto& schema = *populated().app.catalog().find("organizations");
  const Json input = {{"name", "上海矽睿科技股份有限公司"},
                      {"source", "bench"},
                      {"kind", "enterprise"},
                      {"uscc", "91350100M000100Y43"},
                      {"sectors", {"集成电路", "智能传感"}},
                      {"employees", 300},
                      {"rd_ratio", 0.12},
                      {"website", "https://example.cn"}};
  for (auto _ : state) benchmark::DoNotOptimize(records::validate_write(schema, input, nullptr));
}
BENCHMARK(BM_ValidateOrganization);

void BM_GetOrganization(benchmark::State& state) {
  auto lease = populated().database->acquire();
  const auto& schema = *populated().app.catalog().find("organizations");
  for (auto _ : state) benchmark::DoNotOptimize(records::get_record(*lease.value(), schema, "demo-org-0300"));
}
BENCHMARK(BM_GetOrganization);

void BM_ListFilteredSortedPage(benchmark::State& state) {
  auto lease = populated().database->acquire();
  const auto& schema = *populated().app.catalog().find("organizations");
  records::ListQuery query;
  query.filters = {{"sectors", "人工智能"}, {"pipeline_status", "landed"}};
  query.sort = "-employees";
  query.limit = 50;
  for (auto _ : state) benchmark::DoNotOptimize(records::list_records(*lease.value(), schema, query));
}
BENCHMARK(BM_ListFilteredSortedPage);

}  // namespace

BENCHMARK_MAIN();
