#include "plans/kpi_counts.h"

#include <stdexcept>

namespace alley::plans {

KpiCounts::KpiCounts() {
  add("high_growth_enterprises",
      {"高成长性科技企业数", "High-growth tech enterprises",
       "FROM organizations WHERE deleted_at IS NULL AND kind = 'enterprise' AND high_growth = 1 "
       "AND (pipeline_status IS NULL OR pipeline_status = 'landed')",
       "经区级部门核实标记为高成长性科技企业、且已落地（或不在招商名单上）的企业", "", "",
       "/organizations?kind=enterprise&high_growth=true"});
  add("innovation_spaces",
      {"创新空间数", "Innovation spaces", "FROM places WHERE deleted_at IS NULL AND type = 'innovation_space'",
       "类型为科创空间的场所", "", "", "/places?type=innovation_space"});
  add("alliances", {"联盟数", "Alliances", "FROM organizations WHERE deleted_at IS NULL AND kind = 'alliance'",
                    "类别为联盟的机构", "", "", "/organizations?kind=alliance"});
  add("incubators", {"孵化器数", "Incubators",
                     "FROM organizations WHERE deleted_at IS NULL AND certifications LIKE '%\"高质量孵化器\"%'",
                     "资质认定中载有“高质量孵化器”的机构（按认定计，不按机构类别推断）", "", "", "/organizations"});
}

void KpiCounts::add(std::string name, KpiCount count) {
  if (find(name)) throw std::logic_error("the KPI count " + name + " is added twice");
  counts_.emplace_back(std::move(name), std::move(count));
}

const KpiCount* KpiCounts::find(std::string_view name) const {
  for (const auto& [known, count] : counts_) {
    if (known == name) return &count;
  }
  return nullptr;
}

}  // namespace alley::plans
