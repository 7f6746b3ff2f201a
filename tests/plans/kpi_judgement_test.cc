// Each way a KPI is judged: no data, both bounds of a range, year by year.

#include "plans/kpi_judgement.h"

#include <gtest/gtest.h>

namespace alley::plans {
namespace {

const KpiTarget kAtLeastTen{"at_least", 10, std::nullopt};
const KpiTarget kTwoToThree{"range", 2, 3};

TEST(KpiJudgement, NothingBehindItIsNoDataNotMissed) {
  EXPECT_EQ(judge_value(kAtLeastTen, std::nullopt, std::nullopt, "2025-12-31", "2026-06-01"), "no_data");
  EXPECT_EQ(judge_per_year(kTwoToThree, {}, 2023, "2025-12-31", "2026-06-01").status, "no_data");
}

TEST(KpiJudgement, ARangeChecksBothBounds) {
  EXPECT_FALSE(meets(kTwoToThree, 1));
  EXPECT_TRUE(meets(kTwoToThree, 2));
  EXPECT_TRUE(meets(kTwoToThree, 3));
  EXPECT_FALSE(meets(kTwoToThree, 4)) << "above the range is not the target either";
  EXPECT_EQ(judge_value(kTwoToThree, 4, std::nullopt, "2025-12-31", "2025-06-01"), "red");
  EXPECT_EQ(judge_value(kTwoToThree, 1, 2.5, "2025-12-31", "2025-06-01"), "amber") << "the forecast reaches it";
  EXPECT_EQ(judge_value(kTwoToThree, 1, 2.5, "2025-12-31", "2026-01-02"), "red") << "due and missed";
  EXPECT_TRUE(meets({"at_least", 10, std::nullopt}, 1e6));
  EXPECT_TRUE(meets({"exactly", 5, std::nullopt}, 5));
  EXPECT_FALSE(meets({"exactly", 5, std::nullopt}, 6));
}

TEST(KpiJudgement, APerYearTargetIsJudgedEveryYear) {
  // 2023: 2 (met), 2024: 1 (missed), 2025: 3 (met) — the latest year alone would look green.
  const std::vector<Figure> figures = {{"2023-05-01", 2}, {"2024-04-01", 1}, {"2025-03-01", 1}, {"2025-09-01", 2}};
  PerYearJudgement judged = judge_per_year(kTwoToThree, figures, 2023, "2025-12-31", "2026-02-01");
  ASSERT_EQ(judged.years.size(), 3u);
  EXPECT_EQ(judged.years[0].status, "green");
  EXPECT_EQ(judged.years[1].status, "red");
  EXPECT_EQ(judged.years[2].value, 3);
  EXPECT_EQ(judged.years[2].status, "green");
  EXPECT_EQ(judged.status, "red");
}

TEST(KpiJudgement, APerQuarterTargetIsJudgedEveryQuarter) {
  // One a quarter (每季度): Q1 and Q3 held, Q2 none, Q4 under way on 10 November.
  const KpiTarget one{"at_least", 1, std::nullopt};
  const std::vector<Figure> figures = {{"2025-02-15", 1}, {"2025-08-15", 2}};
  PerYearJudgement judged = judge_per_period(one, figures, 2025, "2025-12-31", "2025-11-10", true);
  ASSERT_EQ(judged.years.size(), 4u);
  EXPECT_EQ(judged.years[0].quarter, 1);
  EXPECT_EQ(judged.years[0].status, "green");
  EXPECT_EQ(judged.years[1].status, "no_data") << "nothing recorded for Q2";
  EXPECT_TRUE(judged.years[1].ended);
  EXPECT_EQ(judged.years[2].value, 2);
  EXPECT_EQ(judged.years[3].status, "no_data");
  EXPECT_FALSE(judged.years[3].ended) << "Q4 is not over";
  EXPECT_EQ(judged.status, "no_data") << "an ended quarter with nothing behind it";
  // Every quarter held: green once the year is over, although the year's sum alone would say the same.
  const std::vector<Figure> all = {{"2025-02-15", 1}, {"2025-05-15", 1}, {"2025-08-15", 1}, {"2025-11-15", 1}};
  EXPECT_EQ(judge_per_period(one, all, 2025, "2025-12-31", "2026-01-05", true).status, "green");
  // Four in one quarter do not make up for three empty ones.
  const std::vector<Figure> bunched = {{"2025-11-15", 4}};
  const PerYearJudgement late = judge_per_period(one, bunched, 2025, "2025-12-31", "2026-01-05", true);
  EXPECT_EQ(late.years[0].status, "no_data");
  EXPECT_EQ(late.years[3].status, "green");
}

TEST(KpiJudgement, AYearWithoutFiguresIsNoDataAndTheCurrentYearIsUnderWay) {
  const std::vector<Figure> figures = {{"2023-05-01", 2}, {"2025-03-01", 1}};
  // 2024 has nothing: the KPI cannot be green, and is not "missed" for it either.
  EXPECT_EQ(judge_per_year(kTwoToThree, figures, 2023, "2025-12-31", "2025-06-01").status, "no_data");
  const std::vector<Figure> every_year = {{"2023-05-01", 2}, {"2024-05-01", 3}, {"2025-03-01", 1}};
  PerYearJudgement so_far = judge_per_year(kTwoToThree, every_year, 2023, "2025-12-31", "2025-06-01");
  EXPECT_EQ(so_far.years.back().status, "amber") << "2025 is not over";
  EXPECT_EQ(so_far.status, "amber");
  // Past the top of the range in the current year is already a miss.
  const std::vector<Figure> too_many = {{"2023-05-01", 2}, {"2024-05-01", 3}, {"2025-03-01", 5}};
  EXPECT_EQ(judge_per_year(kTwoToThree, too_many, 2023, "2025-12-31", "2025-06-01").status, "red");
  // Years after the due date are not judged.
  EXPECT_EQ(judge_per_year(kTwoToThree, every_year, 2023, "2024-12-31", "2026-06-01").years.size(), 2u);
}

}  // namespace
}  // namespace alley::plans
