// The whole enterprise × policy matrix at city scale (target: under 1 second
// for 1,000,000 enterprises × 200 policies on 2 cores), timed against
// json-logic-js evaluating the same JSON Logic over the same data in the same
// run; every one of the 200 million answers must agree. Then one enterprise
// changed and its row re-read against every policy.
//
// Run: build/bench/alley_policy_bench [enterprises] [policies] [--no-reference]
// (the reference needs bench/jsonlogic/node_modules: scripts/setup.sh installs it)

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>

#include "policies/evaluator.h"
#include "records/pack_loader.h"

namespace {

using namespace alley;
using SteadyClock = std::chrono::steady_clock;

const std::vector<std::string> kKinds = {"enterprise", "institute", "university",      "investor",
                                         "bank",       "incubator", "service_provider"};
const std::vector<std::string> kSectors = {"集成电路", "人工智能", "产业互联网", "金融科技", "文创",     "生物医药",
                                           "新能源",   "智能传感", "区块链",     "食品",     "数字贸易", "航空"};
const std::vector<std::string> kCertifications = {"高新技术企业", "专精特新", "科技型中小企业", "小巨人",
                                                  "技术先进型服务企业"};
const std::vector<std::string> kTiers = {"startup",         "tech_sme",     "innovative_sme",
                                         "specialized_sme", "little_giant", "leading"};
const std::vector<std::string> kPipeline = {"target", "negotiating", "landed", "moved_out"};

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

double milliseconds_since(SteadyClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

template <typename T>
const T& pick(std::mt19937_64& random, const std::vector<T>& values) {
  return values[random() % values.size()];
}

bool chance(std::mt19937_64& random, double p) { return std::uniform_real_distribution<double>(0, 1)(random) < p; }

// A synthetic enterprise: skewed like a real district (mostly small firms,
// some fields unknown), so rules meet missing values as they will in use.
Json synthetic_organization(std::mt19937_64& random, std::size_t index) {
  Json record = {{"id", "bench-" + std::to_string(index)}, {"synthetic", true}};
  record["kind"] = chance(random, 0.85) ? kKinds[0] : pick(random, kKinds);
  Json sectors = Json::array();
  for (int i = 0, n = int(random() % 3) + 1; i < n; ++i) {
    const std::string& sector = pick(random, kSectors);
    if (std::find(sectors.begin(), sectors.end(), sector) == sectors.end()) sectors.push_back(sector);
  }
  record["sectors"] = sectors;
  Json certifications = Json::array();
  for (const std::string& certification : kCertifications) {
    if (chance(random, 0.15)) certifications.push_back(certification);
  }
  record["certifications"] = certifications;
  if (chance(random, 0.8)) record["tier"] = pick(random, kTiers);
  if (chance(random, 0.7)) record["high_growth"] = chance(random, 0.1);
  if (chance(random, 0.9)) record["pipeline_status"] = pick(random, kPipeline);
  if (chance(random, 0.9)) record["employees"] = std::int64_t(std::lognormal_distribution<double>(3.0, 1.2)(random));
  if (chance(random, 0.95)) record["founded_year"] = 1990 + std::int64_t(random() % 36);
  if (chance(random, 0.8))
    record["revenue_10k_cny"] = std::round(std::lognormal_distribution<double>(6.0, 1.8)(random));
  if (chance(random, 0.75))
    record["rd_ratio"] = std::round(std::uniform_real_distribution<double>(0, 0.3)(random) * 1000) / 1000;
  return record;
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

std::string synthetic_clause(std::mt19937_64& random) {
  static const char* const kOperators[] = {"<", "<=", ">", ">="};
  const std::string op = kOperators[random() % 4];
  switch (random() % 9) {
    case 0:
      return "employees " + op + " " + std::to_string(5 + random() % 500);
    case 1:
      return "revenue_10k_cny " + op + " " + std::to_string(50 + random() % 20000);
    case 2:
      return "rd_ratio " + op + " 0." + std::to_string(1 + random() % 25);
    case 3:
      return "founded_year " + op + " " + std::to_string(1995 + random() % 30);
    case 4: {
      std::string list;
      for (int i = 0, n = int(random() % 3) + 1; i < n; ++i) list += (i ? ", " : "") + quoted(pick(random, kTiers));
      return "tier in [" + list + "]";
    }
    case 5:
      return "sectors contains " + quoted(pick(random, kSectors));
    case 6:
      return "certifications contains " + quoted(pick(random, kCertifications));
    case 7:
      return std::string("high_growth ") + (chance(random, 0.5) ? "==" : "!=") + " true";
    default:
      return "pipeline_status " + std::string(chance(random, 0.7) ? "==" : "!=") + " " +
             quoted(pick(random, kPipeline));
  }
}

// A synthetic policy: enterprises only, then two to four conditions, some
// negated, some offered as alternatives, as real eligibility rules read.
std::string synthetic_rule(std::mt19937_64& random) {
  std::string text = chance(random, 0.9) ? "kind == \"enterprise\"" : "kind in [\"enterprise\", \"institute\"]";
  for (int i = 0, n = int(random() % 3) + 2; i < n; ++i) {
    std::string clause = synthetic_clause(random);
    if (chance(random, 0.25)) clause = "(" + clause + " or " + synthetic_clause(random) + ")";
    if (chance(random, 0.15)) clause = "not " + (clause.front() == '(' ? clause : "(" + clause + ")");
    text += " and " + clause;
  }
  return text;
}

std::vector<policies::Rule> policy_rules(std::size_t count, std::mt19937_64& random) {
  std::vector<policies::Rule> rules;
  // The pack's own rules first, then synthetic ones up to the count.
  if (auto pack = records::find_pack("silicon-alley")) {
    std::ifstream file(pack.value() / "policies.json");
    for (const Json& policy : Json::parse(file)) {
      if (rules.size() < count && policy.contains("rule"))
        rules.push_back(policies::parse_rule(policy["rule"].get<std::string>()).value());
    }
  }
  while (rules.size() < count) {
    const std::string text = synthetic_rule(random);
    Result<policies::Rule> rule = policies::parse_rule(text);
    if (!rule) {
      std::fprintf(stderr, "generated an invalid rule: %s: %s\n", text.c_str(), rule.error().message.c_str());
      std::exit(1);
    }
    rules.push_back(std::move(rule.value()));
  }
  return rules;
}

struct Reference {
  double evaluate_ms = 0;
  int workers = 0;
  std::size_t disagreeing_rules = 0;
};

// json-logic-js over the same organizations and the same rules (as JSON
// Logic), its bitmaps compared with ours bit for bit.
std::optional<Reference> run_reference(const std::vector<Json>& organizations, const std::vector<policies::Rule>& rules,
                                       const std::vector<policies::Bitmap>& matrix, unsigned workers) {
  const std::filesystem::path script = std::filesystem::path(ALLEY_SOURCE_DIR) / "bench/jsonlogic/evaluate.mjs";
  if (!std::filesystem::exists(script.parent_path() / "node_modules/json-logic-js")) {
    std::fprintf(stderr, "json-logic-js is not installed in bench/jsonlogic: run scripts/setup.sh\n");
    return std::nullopt;
  }
  const auto folder = std::filesystem::temp_directory_path() / ("alley-policy-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  {
    std::ofstream out(folder / "organizations.json");
    out << '[';
    for (std::size_t i = 0; i < organizations.size(); ++i) out << (i ? ",\n" : "") << organizations[i].dump();
    out << ']';
    Json logic = Json::array();
    for (const policies::Rule& rule : rules) logic.push_back(policies::to_jsonlogic(rule));
    std::ofstream(folder / "rules.json") << logic.dump();
  }
  const std::string command = "node --max-old-space-size=16384 '" + script.string() + "' '" +
                              (folder / "organizations.json").string() + "' '" + (folder / "rules.json").string() +
                              "' '" + (folder / "matrix.bin").string() + "' " + std::to_string(workers);
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string output;
  char buffer[4096];
  while (pipe && std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  const int status = pipe ? ::pclose(pipe) : -1;
  if (status != 0) {
    std::fprintf(stderr, "the reference failed (%d): %s\n", status, output.c_str());
    std::filesystem::remove_all(folder);
    return std::nullopt;
  }
  const Json figures = Json::parse(output);
  Reference reference{figures["evaluate_ms"].get<double>(), figures["workers"].get<int>(), 0};
  std::ifstream in(folder / "matrix.bin", std::ios::binary);
  for (const policies::Bitmap& ours : matrix) {
    policies::Bitmap theirs(ours.size());
    in.read(reinterpret_cast<char*>(theirs.data()), std::streamsize(theirs.size() * sizeof(std::uint64_t)));
    if (!in || theirs != ours) ++reference.disagreeing_rules;
  }
  std::filesystem::remove_all(folder);
  return reference;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t enterprise_count = 1000000, policy_count = 200;
  bool with_reference = true;
  std::vector<std::size_t> counts;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-reference") == 0) {
      with_reference = false;
    } else {
      counts.push_back(std::size_t(std::atoll(argv[i])));
    }
  }
  if (!counts.empty()) enterprise_count = counts[0];
  if (counts.size() > 1) policy_count = counts[1];
  if (enterprise_count == 0 || policy_count == 0) {
    std::fprintf(stderr, "usage: alley_policy_bench [enterprises] [policies] [--no-reference]\n");
    return 2;
  }
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::mt19937_64 random(20251);

  auto start = SteadyClock::now();
  std::vector<Json> organizations;
  organizations.reserve(enterprise_count);
  for (std::size_t i = 0; i < enterprise_count; ++i) organizations.push_back(synthetic_organization(random, i));
  const std::vector<policies::Rule> rules = policy_rules(policy_count, random);
  std::printf("%zu synthetic enterprises, %zu policies (the pack's rules, then synthetic ones); generated in %.0f ms\n",
              enterprise_count, rules.size(), milliseconds_since(start));

  start = SteadyClock::now();
  policies::OrganizationTable table(organizations);
  std::printf("columns built in %.0f ms\n", milliseconds_since(start));
  start = SteadyClock::now();
  std::vector<policies::CompiledRule> compiled;
  for (const policies::Rule& rule : rules) compiled.push_back(table.compile(rule));
  std::printf("rules compiled in %.3f ms\n", milliseconds_since(start));

  std::vector<double> threaded, single;
  std::vector<policies::Bitmap> matrix;
  for (int run = 0; run < 7; ++run) {
    start = SteadyClock::now();
    matrix = table.evaluate_all(compiled, threads);
    threaded.push_back(milliseconds_since(start));
    start = SteadyClock::now();
    table.evaluate_all(compiled, 1);
    single.push_back(milliseconds_since(start));
  }
  std::size_t matches = 0;
  for (const policies::Bitmap& bitmap : matrix) {
    for (std::uint64_t word : bitmap) matches += std::size_t(__builtin_popcountll(word));
  }
  const double matrix_ms = median(threaded);
  std::printf("full matrix (%zu answers, %zu matches): median %.1f ms on %u threads, %.1f ms on 1 thread (7 runs)\n",
              enterprise_count * rules.size(), matches, matrix_ms, threads, median(single));

  int exit_code = 0;
  if (with_reference) {
    std::printf("json-logic-js over the same data...\n");
    std::fflush(stdout);
    std::optional<Reference> reference = run_reference(organizations, rules, matrix, threads);
    if (!reference) return 1;
    std::printf(
        "json-logic-js: %.0f ms on %d worker threads; columnar is %.0f× faster; rules whose matches differ: %zu of "
        "%zu\n",
        reference->evaluate_ms, reference->workers, reference->evaluate_ms / matrix_ms, reference->disagreeing_rules,
        rules.size());
    if (reference->disagreeing_rules) exit_code = 1;
  }

  // One enterprise changed: its values replaced in the columns and its row
  // read against every policy, without a pass over anyone else.
  std::vector<double> change_us, reread_us;
  std::size_t eligible = 0;
  for (int run = 0; run < 20000; ++run) {
    const std::size_t row = random() % enterprise_count;
    const Json changed = synthetic_organization(random, row);
    start = SteadyClock::now();
    table.put(changed);
    const double put_us = std::chrono::duration<double, std::micro>(SteadyClock::now() - start).count();
    start = SteadyClock::now();
    for (const policies::CompiledRule& rule : compiled) eligible += table.holds(rule, row);
    const double holds_us = std::chrono::duration<double, std::micro>(SteadyClock::now() - start).count();
    reread_us.push_back(holds_us);
    change_us.push_back(put_us + holds_us);
  }
  std::printf(
      "one enterprise changed (20000 changes, %zu eligibilities): median %.2f µs to re-read its row against all %zu "
      "policies, %.2f µs with its columns updated\n",
      eligible, median(reread_us), rules.size(), median(change_us));
  return exit_code;
}
