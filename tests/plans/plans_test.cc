// Plans as trees and KPI progress, on the real pack and on small made-up cases.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "plans/kpi_progress.h"
#include "plans/module.h"
#include "plans/plan_tree.h"
#include "plans/year_end_review.h"
#include "records/pack_loader.h"
#include "records/repository.h"
#include "support/store_fixture.h"

namespace alley::plans {
namespace {

class PlansTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(load_district_pack().ok());
  }
  const KpiCounts& counts() { return kpi_counts(app()); }
  Json create(const char* resource, const Json& input) {
    Json created;
    EXPECT_TRUE(store::in_write_transaction(connection(), [&]() -> Status {
                  auto result = records::create_record(connection(), *find_schema(resource), input, {"test"});
                  if (!result) return result.error();
                  created = result.value();
                  return ok_status();
                }).ok());
    return created;
  }
  Json manual_kpi(const std::string& id, double target, const std::string& due, bool per_year = false) {
    return create("kpis", {{"id", id},
                           {"name", "测试指标"},
                           {"source", "t"},
                           {"plan_id", "plan-2023-2025"},
                           {"target_kind", "at_least"},
                           {"target_min", target},
                           {"due_on", due},
                           {"measure", "manual"},
                           {"per_year", per_year}});
  }
  void entry(const std::string& kpi, double value, const std::string& as_of) {
    static int n = 0;
    create("kpi_entries", {{"id", "e" + std::to_string(++n)},
                           {"name", "进展"},
                           {"source", "t"},
                           {"kpi_id", kpi},
                           {"value", value},
                           {"as_of", as_of}});
  }
};

TEST_F(PlansTest, TheThreeYearPlanHasSixActionsOfTwoSubActionsEach) {
  auto tree = plan_tree(connection(), "plan-2023-2025", "2025-06-01");
  ASSERT_TRUE(tree.ok()) << tree.error().message;
  EXPECT_EQ(tree.value()["counts"]["action"], 6);
  EXPECT_EQ(tree.value()["counts"]["sub_action"], 12);
  EXPECT_EQ(tree.value()["counts"]["goal_area"], 4);
  EXPECT_EQ(tree.value()["counts"]["safeguard"], 5);
  for (const Json& node : tree.value()["tree"]) {
    if (node["kind"] == "action") {
      EXPECT_EQ(node["children"].size(), 2u) << node["name"];
      EXPECT_FALSE(node["children"][0]["lead_department_ids"].empty()) << node["children"][0]["name"];
    }
  }
}

TEST_F(PlansTest, TheRegroupedVersionMapsOntoTheOriginal) {
  auto tree = plan_tree(connection(), "plan-2023-2025-regrouped", "2025-06-01");
  ASSERT_TRUE(tree.ok());
  EXPECT_EQ(tree.value()["counts"]["action"], 6);
  EXPECT_EQ(tree.value()["counts"]["sub_action"], 12);
  for (const Json& action : tree.value()["tree"]) {
    for (const Json& sub : action["children"]) EXPECT_TRUE(sub.contains("maps_to_id")) << sub["name"];
  }
}

TEST_F(PlansTest, TheSubDistrictPlanShowsTheProjectsItDoesNotList) {
  auto tree = plan_tree(connection(), "plan-huayang-2025", "2025-06-01");
  ASSERT_TRUE(tree.ok());
  EXPECT_EQ(tree.value()["projects"]["stated"], 31);
  EXPECT_EQ(tree.value()["projects"]["listed"], tree.value()["counts"]["project"]);
  EXPECT_GT(tree.value()["projects"]["unlisted"].get<int>(), 0);
  EXPECT_TRUE(tree.value()["overdue"].empty()) << "nothing is overdue in June 2025";
  auto later = plan_tree(connection(), "plan-huayang-2025", "2026-01-15");
  EXPECT_FALSE(later.value()["overdue"].empty()) << "unfinished 2025 projects are overdue in 2026";
}

TEST_F(PlansTest, QueryKpisMoveWithTheRegistry) {
  auto kpi = records::get_record(connection(), *find_schema("kpis"), "kpi-innovation-spaces");
  ASSERT_TRUE(kpi.ok());
  const double before = kpi_progress(connection(), counts(), kpi.value(), "2025-06-01").value()["value"].get<double>();
  create("places", {{"name", "新科创空间"}, {"source", "t"}, {"type", "innovation_space"}});
  const double after = kpi_progress(connection(), counts(), kpi.value(), "2025-06-01").value()["value"].get<double>();
  EXPECT_EQ(after, before + 1);
}

TEST_F(PlansTest, StatusComesFromTargetForecastAndDate) {
  manual_kpi("k-met", 10, "2025-12-31");
  entry("k-met", 12, "2024-12-31");
  EXPECT_EQ(
      kpi_progress(connection(), counts(), manual_kpi("k-ignored", 1, "2025-12-31"), "2025-06-01").value()["status"],
      "no_data");
  auto met = records::get_record(connection(), *find_schema("kpis"), "k-met").value();
  auto met_progress = kpi_progress(connection(), counts(), met, "2025-06-01").value();
  EXPECT_EQ(met_progress["status"], "green");
  EXPECT_EQ(met_progress["history"][0]["entered_by"], "test") << "who entered a figure is kept";

  // 2 → 6 over a year forecasts about 10 a year later: on track for 9, not yet there.
  Json rising = manual_kpi("k-rising", 9, "2025-12-31");
  entry("k-rising", 2, "2023-12-31");
  entry("k-rising", 6, "2024-12-31");
  auto progress = kpi_progress(connection(), counts(), rising, "2025-06-01").value();
  EXPECT_EQ(progress["status"], "amber");
  EXPECT_NEAR(progress["forecast"]["value"].get<double>(), 10, 0.1);
  // The same figures after the due date: missed.
  EXPECT_EQ(kpi_progress(connection(), counts(), rising, "2026-02-01").value()["status"], "red");

  // Per year: each year of the plan (2023–2025) is judged by its own figures.
  Json yearly = manual_kpi("k-yearly", 3, "2025-12-31", true);
  entry("k-yearly", 3, "2023-06-01");
  entry("k-yearly", 2, "2024-03-01");
  entry("k-yearly", 1, "2025-03-01");
  entry("k-yearly", 2, "2025-09-01");
  auto per_year = kpi_progress(connection(), counts(), yearly, "2025-10-01").value();
  EXPECT_EQ(per_year["value"], 3) << "the latest year's figures add up";
  EXPECT_EQ(per_year["as_of"], "2025");
  EXPECT_EQ(per_year["status"], "red") << "2024 missed, whatever 2025 does";
  ASSERT_EQ(per_year["basis"]["years"].size(), 3u);
  EXPECT_EQ(per_year["basis"]["years"][1]["status"], "red");
  entry("k-yearly", 1, "2024-11-01");
  EXPECT_EQ(kpi_progress(connection(), counts(), yearly, "2025-10-01").value()["status"], "green");
}

TEST_F(PlansTest, AQueryKpiNobodyHasEnteredIsNoData) {
  auto kpi = records::get_record(connection(), *find_schema("kpis"), "kpi-high-growth-enterprises");
  ASSERT_TRUE(kpi.ok());
  Json progress = kpi_progress(connection(), counts(), kpi.value(), "2025-06-01").value();
  EXPECT_EQ(progress["status"], "no_data") << "no enterprise is marked high-growth in the pack";
  EXPECT_TRUE(progress["value"].is_null());
  EXPECT_EQ(progress["basis"]["records"], 0);
  create("organizations", {{"name", "高成长企业"}, {"source", "t"}, {"kind", "enterprise"}, {"high_growth", true}});
  progress = kpi_progress(connection(), counts(), kpi.value(), "2025-06-01").value();
  EXPECT_EQ(progress["value"], 1);
  EXPECT_EQ(progress["status"], "red") << "one of a thousand is counted, and short";
}

TEST_F(PlansTest, AnIncubatorCountsOnlyWithItsCertification) {
  auto kpi = records::get_record(connection(), *find_schema("kpis"), "kpi-high-quality-incubators").value();
  EXPECT_EQ(kpi_progress(connection(), counts(), kpi, "2025-06-01").value()["status"], "no_data")
      << "the pack's incubators state no 高质量孵化器 certification";
  create("organizations", {{"name", "未认定孵化器"}, {"source", "t"}, {"kind", "incubator"}});
  EXPECT_EQ(kpi_progress(connection(), counts(), kpi, "2025-06-01").value()["status"], "no_data");
  create("organizations",
         {{"name", "认定孵化器"}, {"source", "t"}, {"kind", "incubator"}, {"certifications", {"高质量孵化器"}}});
  Json progress = kpi_progress(connection(), counts(), kpi, "2025-06-01").value();
  EXPECT_EQ(progress["value"], 1);
  EXPECT_EQ(progress["status"], "green");
}

TEST_F(PlansTest, TheYearEndReviewJudgesTasksAtTheYearsEnd) {
  auto overdue_in = [&](const std::string& today) {
    Result<Json> review = year_end_review(connection(), counts(), 2025, today);
    EXPECT_TRUE(review.ok());
    int overdue = 0;
    for (const Json& plan : review.value()["plans"]) overdue += plan["counts"]["overdue"].get<int>();
    return overdue;
  };
  const int midyear = overdue_in("2025-06-01");
  const int after = overdue_in("2026-03-01");
  EXPECT_GT(after, midyear) << "what is not done by the end of 2025 is overdue";
  EXPECT_EQ(after, overdue_in("2027-01-01")) << "a past year is judged at its end, whenever it is read";
  EXPECT_FALSE(year_end_review(connection(), counts(), 1999, "2025-06-01").ok());
}

TEST_F(PlansTest, TheOverviewCountsStatuses) {
  auto all = all_kpi_progress(connection(), counts(), "plan-2023-2025", "2025-06-01");
  ASSERT_TRUE(all.ok());
  EXPECT_GE(all.value()["total"].get<int>(), 13);
  int counted = 0;
  for (const auto& [status, n] : all.value()["by_status"].items()) counted += n.get<int>();
  EXPECT_EQ(counted, all.value()["total"].get<int>());
  for (const Json& item : all.value()["items"]) {
    if (item["status"] == "no_data") {
      EXPECT_TRUE(item.contains("data_note")) << item["kpi_id"] << " says nothing of its missing data";
    }
  }
}

}  // namespace
}  // namespace alley::plans

namespace alley::plans {
namespace {

// What the pack decided rather than read is said to be so: every responsible
// department of a policy (the documents list departments per action, never per
// policy) and every deadline a document does not give.
TEST_F(PlansTest, AssignedDepartmentsAndInferredDeadlinesAreLabelled) {
  Result<std::vector<Json>> policies = records::list_all_records(connection(), *find_schema("policies"));
  ASSERT_TRUE(policies.ok());
  for (const Json& policy : policies.value()) {
    if (!policy.contains("responsible_department_id")) continue;
    EXPECT_EQ(policy.value("responsible_department_basis", ""), "assigned") << policy["id"];
    EXPECT_FALSE(policy.value("responsibility_note", "").empty()) << policy["id"];
  }
  Result<std::vector<Json>> tasks = records::list_all_records(connection(), *find_schema("tasks"));
  ASSERT_TRUE(tasks.ok());
  int stated = 0;
  for (const Json& task : tasks.value()) {
    if (!task.contains("due_on")) continue;
    ASSERT_TRUE(task.contains("due_on_basis")) << task["id"];
    stated += task["due_on_basis"] == "document";
    if (task["due_on_basis"] == "document") EXPECT_EQ(task["kind"], "goal_area") << task["id"];
  }
  EXPECT_EQ(stated, 4) << "the four goal areas that say 到 2025 年";
}

}  // namespace
}  // namespace alley::plans
