// The plan's spreadsheet and the progress report, opened with the readers
// people use: LibreOffice converts the XLSX to CSV, pdftotext reads the PDF.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "support/api_test.h"

namespace alley::testing {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string run(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return output;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  ::pclose(pipe);
  return output;
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
  // Every sheet to its own UTF-8 CSV (the last filter option, -1).
  const std::string convert =
      "cd " + dir_.path().string() + " && HOME=" + dir_.path().string() +
      " soffice --headless -env:UserInstallation=file://" + (dir_.path() / "profile").string() +
      " --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'"
      " --outdir " +
      dir_.path().string() + " " + file.string() + " 2>&1";
  const std::string log = run(convert);
  const std::string tasks = read_file(dir_.path() / "plan-施工图.csv");
  const std::string kpis = read_file(dir_.path() / "plan-指标.csv");
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
  EXPECT_GT(co_led, 0) << "a department answers for the tasks it co-leads too";
  EXPECT_GT(kpis, 10);
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/reports/year-end?year=20x5").status, 400);
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/reports/year-end?year=1850").status, 422);

  Response workbook = request(server_->port(), "GET", "/api/v1/reports/year-end.xlsx?year=2025");
  ASSERT_EQ(workbook.status, 200);
  const auto file = dir_.path() / "review.xlsx";
  std::ofstream(file, std::ios::binary) << workbook.body;
  const std::string log =
      run("cd " + dir_.path().string() + " && HOME=" + dir_.path().string() +
          " soffice --headless -env:UserInstallation=file://" + (dir_.path() / "profile").string() +
          " --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'"
          " --outdir " +
          dir_.path().string() + " " + file.string() + " 2>&1");
  const std::string task_sheet = read_file(dir_.path() / "review-任务.csv");
  const std::string kpi_sheet = read_file(dir_.path() / "review-指标.csv");
  ASSERT_FALSE(task_sheet.empty()) << log;
  for (const char* expected : {"2025 年度年终考评", "牵头", "配合", "科委"}) {
    EXPECT_NE(task_sheet.find(expected), std::string::npos) << expected << " is not in the task sheet";
  }
  ASSERT_FALSE(kpi_sheet.empty()) << log;
  for (const char* expected : {"判断依据", "高成长性科技企业", "暂无数据"}) {
    EXPECT_NE(kpi_sheet.find(expected), std::string::npos) << expected << " is not in the KPI sheet";
  }
}

TEST_F(Exports, TheProgressReportReadsAsText) {
  Response report = request(server_->port(), "GET", "/api/v1/reports/progress.pdf");
  ASSERT_EQ(report.status, 200);
  EXPECT_EQ(report.header("content-type"), "application/pdf");
  ASSERT_TRUE(report.body.starts_with("%PDF-"));
  const auto file = dir_.path() / "report.pdf";
  std::ofstream(file, std::ios::binary) << report.body;
  const std::string text = run("pdftotext -layout " + file.string() + " - 2>&1");
  for (const char* expected : {"目标进展报告", "上海硅巷", "高成长性科技企业", "未达标", "暂无数据", "示例"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " is not in the report:\n" << text.substr(0, 600);
  }
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/reports/progress.pdf?plan_id=nothing").status, 404);
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/plans/nothing/export.xlsx").status, 404);
}

}  // namespace
}  // namespace alley::testing
