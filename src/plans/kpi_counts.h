#pragma once
// The counts behind query KPIs, by name: the registry's own and those other
// modules add while they register (the events module counts held events).
// Each counts a fact stated on a record (a verified mark, a certification, a
// stated type or classification), never one inferred from another field, and
// says how much of it is synthetic. A count that dates what it counts (by a
// year column, and a quarter) can judge per-year and per-quarter targets.
//
// Threading: filled while modules register, read-only afterwards.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace alley::plans {

struct KpiCount {
  std::string label;           // its name on the KPI form, in Chinese
  std::string label_en;        // and in English
  std::string from;            // FROM … WHERE …, over a table with a synthetic column
  std::string criterion;       // what is counted, as a KPI's basis reads
  std::string year_column;     // the year each counted record falls in; empty: a count of what stands now
  std::string quarter_column;  // its quarter, 1–4, for per-quarter targets
  std::string listed_at;       // where a reader lists the counted records (a web path with its filters)
};

class KpiCounts {
 public:
  KpiCounts();  // the registry's own counts

  // REQUIRES: while modules register; a name once.
  void add(std::string name, KpiCount count);
  // nullptr for a name no module added.
  const KpiCount* find(std::string_view name) const;
  const std::vector<std::pair<std::string, KpiCount>>& all() const { return counts_; }

 private:
  std::vector<std::pair<std::string, KpiCount>> counts_;
};

}  // namespace alley::plans
