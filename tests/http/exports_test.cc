// The plan's spreadsheet and the progress report, opened with the readers
// people use: LibreOffice converts the XLSX to CSV, pdftotext reads the PDF.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

#include "support/api_test.h"
#include "support/office.h"

namespace alley::testing {
namespace {

// The words of a PDF with their boxes, as pdftotext -bbox reads them: two
// that overlap on one page mean a line was drawn over another.
struct Word {
  int page;
  double x_min, y_min, x_max, y_max;
  std::string text;
};

std::vector<Word> words_of(const std::string& bbox_html) {
  std::vector<Word> words;
  const std::regex word_pattern(
      "<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>");
  int page = 0;
  std::size_t at = 0;
  while (true) {
    const std::size_t next_page = bbox_html.find("<page ", at);
    const std::size_t end = next_page == std::string::npos ? bbox_html.size() : next_page;
    const std::string chunk = bbox_html.substr(at, end - at);
    for (auto match = std::sregex_iterator(chunk.begin(), chunk.end(), word_pattern); match != std::sregex_iterator();
         ++match) {
      words.push_back({page, std::stod((*match)[1]), std::stod((*match)[2]), std::stod((*match)[3]),
                       std::stod((*match)[4]), (*match)[5]});
    }
    if (next_page == std::string::npos) break;
    ++page;
    at = next_page + 1;
  }
  return words;
}

// Pairs of words on one page whose boxes overlap by more than a sliver.
std::vector<std::string> overlapping(const std::vector<Word>& words) {
  std::vector<std::string> found;
  for (std::size_t i = 0; i < words.size(); ++i) {
    for (std::size_t j = i + 1; j < words.size(); ++j) {
      const Word& a = words[i];
      const Word& b = words[j];
      if (a.page != b.page) continue;
      const double width = std::min(a.x_max, b.x_max) - std::max(a.x_min, b.x_min);
      const double height = std::min(a.y_max, b.y_max) - std::max(a.y_min, b.y_min);
      if (width > 1 && height > 1) found.push_back(a.text + " / " + b.text + " on page " + std::to_string(a.page));
    }
  }
  return found;
}

class Exports : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_alley({"init", "--db", dir_.db_url(), "--demo"}).exit_code, 0);
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--db", dir_.db_url()});
  }
  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(Exports, TheWorkbookOpensInLibreOffice) {
  Response workbook = request(server_->port(), "GET", "/api/v1/plans/plan-2023-2025/export.xlsx");
  ASSERT_EQ(workbook.status, 200);
  EXPECT_EQ(workbook.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const auto file = dir_.path() / "plan.xlsx";
  std::ofstream(file, std::ios::binary) << workbook.body;
  const std::string log = libreoffice_sheets_to_csv(dir_.path(), file);
  const std::string tasks = read_whole_file(dir_.path() / "plan-施工图.csv");
  const std::string kpis = read_whole_file(dir_.path() / "plan-指标.csv");
  ASSERT_FALSE(tasks.empty()) << log;
  for (const char* expected :
       {"牵头单位", "配合单位", "科创载体焕新升级专项行动", "助力产业创新", "科委", "2025-12-31"}) {
    EXPECT_NE(tasks.find(expected), std::string::npos) << expected << " is not in the task sheet";
  }
  ASSERT_FALSE(kpis.empty()) << log;
  for (const char* expected : {"高成长性", "1000", "示例数据", "科创新空间"}) {
    EXPECT_NE(kpis.find(expected), std::string::npos) << expected << " is not in the KPI sheet";
  }
}

TEST_F(Exports, TheYearEndReviewAnswersPerDepartmentAndOpensInLibreOffice) {
  Response review = request(server_->port(), "GET", "/api/v1/reports/year-end?year=2025");
  ASSERT_EQ(review.status, 200) << review.body;
  const Json body = json_of(review);
  EXPECT_EQ(body["year"], 2025);
  int tasks = 0, co_led = 0, kpis = 0;
  for (const Json& department : body["departments"]) {
    const Json& counts = department["counts"];
    EXPECT_EQ(counts["done"].get<int>() + counts["in_progress"].get<int>() + counts["overdue"].get<int>() +
                  counts["not_started"].get<int>(),
              int(department["tasks"].size()))
        << department["name"];
    for (const Json& task : department["tasks"]) {
      ++tasks;
      if (task.value("co_lead", false)) ++co_led;
    }
    for (const Json& kpi : department["kpis"]) {
      ++kpis;
      EXPECT_TRUE(kpi["basis"].contains("summary")) << kpi["name"] << " says nothing of what its status rests on";
    }
  }
  EXPECT_GT(tasks, 20) << "the 2025 plans' tasks";
  for (const Json& plan : body["plans"]) {
    const Json& counts = plan["counts"];
    EXPECT_EQ(counts["done"].get<int>() + counts["in_progress"].get<int>() + counts["overdue"].get<int>() +
                  counts["not_started"].get<int>(),
              int(plan["tasks"].size()))
        << plan["name"] << " lists every task it counts";
  }
  EXPECT_GT(co_led, 0) << "a department answers for the tasks it co-leads too";
  EXPECT_GT(kpis, 10);
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/reports/year-end?year=20x5").status, 400);
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/reports/year-end?year=1850").status, 422);

  Response workbook = request(server_->port(), "GET", "/api/v1/reports/year-end.xlsx?year=2025");
  ASSERT_EQ(workbook.status, 200);
  const auto file = dir_.path() / "review.xlsx";
  std::ofstream(file, std::ios::binary) << workbook.body;
  const std::string log = libreoffice_sheets_to_csv(dir_.path(), file);
  const std::string task_sheet = read_whole_file(dir_.path() / "review-任务.csv");
  const std::string kpi_sheet = read_whole_file(dir_.path() / "review-指标.csv");
  ASSERT_FALSE(task_sheet.empty()) << log;
  for (const char* expected : {"2025 年度年终考评", "牵头", "配合", "科委"}) {
    EXPECT_NE(task_sheet.find(expected), std::string::npos) << expected << " is not in the task sheet";
  }
  ASSERT_FALSE(kpi_sheet.empty()) << log;
  for (const char* expected : {"判断依据", "高成长性科技企业", "暂无数据"}) {
    EXPECT_NE(kpi_sheet.find(expected), std::string::npos) << expected << " is not in the KPI sheet";
  }
}

TEST_F(Exports, TheYearEndReviewPrintsWithNoLineOverAnother) {
  Response report = request(server_->port(), "GET", "/api/v1/reports/year-end.pdf?year=2025");
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(report.header("content-type"), "application/pdf");
  const auto file = dir_.path() / "year-end.pdf";
  std::ofstream(file, std::ios::binary) << report.body;
  const std::string text = run_command("pdftotext -layout " + file.string() + " - 2>&1");
  for (const char* expected : {"2025 年度年终考评", "截至 2025-12-31", "各计划", "科委", "牵头", "配合",
                               "由计划期限推定", "暂无数据", "依据："}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " is not in the review:\n" << text.substr(0, 800);
  }
  const std::vector<Word> words = words_of(run_command("pdftotext -bbox " + file.string() + " - 2>&1"));
  ASSERT_GT(words.size(), 200u);
  EXPECT_GT(words.back().page, 0) << "the review runs over several pages";
  const std::vector<std::string> clashes = overlapping(words);
  EXPECT_TRUE(clashes.empty()) << clashes.size() << " overlaps, the first: " << clashes.front();
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/reports/year-end.pdf?year=1850").status, 422);
}

TEST_F(Exports, TheProgressReportReadsAsText) {
  Response report = request(server_->port(), "GET", "/api/v1/reports/progress.pdf");
  ASSERT_EQ(report.status, 200);
  EXPECT_EQ(report.header("content-type"), "application/pdf");
  ASSERT_TRUE(report.body.starts_with("%PDF-"));
  const auto file = dir_.path() / "report.pdf";
  std::ofstream(file, std::ios::binary) << report.body;
  const std::string text = run_command("pdftotext -layout " + file.string() + " - 2>&1");
  for (const char* expected : {"目标进展报告", "上海硅巷", "高成长性科技企业", "未达标", "暂无数据", "示例"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " is not in the report:\n" << text.substr(0, 600);
  }
  const std::vector<std::string> clashes =
      overlapping(words_of(run_command("pdftotext -bbox " + file.string() + " - 2>&1")));
  EXPECT_TRUE(clashes.empty()) << clashes.size() << " overlaps, the first: " << clashes.front();
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/reports/progress.pdf?plan_id=nothing").status, 404);
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/plans/nothing/export.xlsx").status, 404);
}

}  // namespace
}  // namespace alley::testing
