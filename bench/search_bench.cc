// Search latency at 100,000 organizations (target: p99 under 20 ms), on a
// real SQLite file. Prints p50 and p99 per query and over all queries.
// Run: build/bench/alley_search_bench [organizations]

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "percentile.h"
#include "records/shared_tables.h"
#include "search/search_index.h"
#include "store/migrations.h"

namespace {

using alley::bench::percentile;

using namespace alley;

const char* const kHeads[] = {"启明", "云帆", "星图", "智川", "锐芯", "数澜", "青禾", "远桥", "知行", "汇拓",
                              "衡石", "晨曦", "聚光", "新禾", "安图", "博睿", "凌云", "微澜", "鼎新", "思源"};
const char* const kWords[] = {"网络科技", "智能科技", "芯片科技", "金融信息", "智行科技",
                              "能源科技", "数字科技", "链科技",   "文化创意", "数据科技"};
const char* const kTopics[] = {"人工智能", "集成电路", "产业互联网", "智能传感",     "绿色低碳", "区块链",
                               "元宇宙",   "金融科技", "创新服务",   "科技成果转化", "长宁区",   "硅巷"};
const char* const kLatin[] = {"Qiming", "Yunfan", "Xingtu", "Zhichuan", "Ruixin", "Shulan", "Silicon", "Alley"};

}  // namespace

int main(int argc, char** argv) {
  const int organizations = argc > 1 ? std::atoi(argv[1]) : 100000;
  const auto folder = std::filesystem::temp_directory_path() / ("alley-search-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  auto database = store::Database::open("sqlite:" + (folder / "bench.db").string(), 1);
  if (!database) return std::fprintf(stderr, "%s\n", database.error().message.c_str()), 1;
  auto lease = database.value()->acquire();
  store::Connection& connection = *lease.value();
  // Only the search index's own table: the benchmark indexes documents directly.
  if (!store::migrate(connection, {records::search_migration()}).ok()) return 1;

  auto script = search::ChineseScript::load(search::ChineseScript::default_data_dir());
  if (!script) return std::fprintf(stderr, "%s\n", script.error().message.c_str()), 1;

  std::mt19937 random(42);
  auto pick = [&](auto& list) { return list[random() % std::size(list)]; };
  const auto load_start = std::chrono::steady_clock::now();
  Status loaded = store::in_write_transaction(connection, [&]() -> Status {
    for (int n = 0; n < organizations; ++n) {
      search::SearchDocument document;
      document.resource = "organizations";
      document.record_id = "org-" + std::to_string(n);
      document.name = std::string(pick(kHeads)) + pick(kWords) + "（上海）有限公司";
      document.name_en = std::string(pick(kLatin)) + " Technology Co., Ltd.";
      document.title = document.name + " " + document.name_en;
      document.body =
          std::string("专注") + pick(kTopics) + "与" + pick(kTopics) + "，位于上海硅巷" + pick(kTopics) + "板块";
      if (Status indexed = search::index_document(connection, *script.value(), document); !indexed) return indexed;
    }
    return ok_status();
  });
  if (!loaded.ok()) return std::fprintf(stderr, "%s\n", loaded.error().message.c_str()), 1;
  std::printf("indexed %d organizations in %.1f s\n", organizations,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count());

  const char* const queries[] = {"芯片",     "创新",   "硅巷",    "科技", "人工智能", "集成电路",
                                 "創新服務", "长宁区", "silicon", "qimi", "锐芯芯片", "上海"};
  std::vector<double> all;
  std::printf("%-14s %8s %9s %9s\n", "query", "matches", "p50 ms", "p99 ms");
  for (const char* text : queries) {
    std::vector<double> times;
    std::int64_t matches = 0;
    for (int repeat = 0; repeat < (std::getenv("ALLEY_BENCH_KEEP") ? 1 : 60); ++repeat) {
      const auto start = std::chrono::steady_clock::now();
      auto result = search::search(connection, *script.value(), {text, {}, 20});
      times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
      if (!result) return std::fprintf(stderr, "%s\n", result.error().message.c_str()), 1;
      matches = result->total;
    }
    all.insert(all.end(), times.begin(), times.end());
    std::printf("%-14s %8lld %9.2f %9.2f\n", text, static_cast<long long>(matches), percentile(times, 0.5),
                percentile(times, 0.99));
  }
  std::printf("%-14s %8s %9.2f %9.2f   (target: p99 < 20 ms)\n", "all", "", percentile(all, 0.5),
              percentile(all, 0.99));
  if (std::getenv("ALLEY_BENCH_KEEP")) {
    std::printf("kept %s\n", (folder / "bench.db").c_str());
  } else {
    std::filesystem::remove_all(folder);  // the open file goes with the process
  }
  return 0;
}
