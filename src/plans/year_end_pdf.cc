#include "plans/year_end_pdf.h"

#include <nlohmann/json.hpp>

#include "plans/kpi_progress.h"
#include "plans/pdf_page.h"
#include "plans/year_end_review.h"

namespace alley::plans {
namespace {

constexpr const char* kTitleFont = "Noto Sans CJK SC Bold 15";
constexpr const char* kHeadingFont = "Noto Sans CJK SC Bold 11.5";
constexpr const char* kBodyFont = "Noto Sans CJK SC 9";
constexpr const char* kNoteFont = "Noto Sans CJK SC 7.5";

// Text written down the page in blocks; a block that would run off the
// bottom starts the next page, so no line is drawn over another.
class Flow {
 public:
  explicit Flow(PdfPages& pages) : pages_(pages) {}

  void block(const std::string& content, const char* font, double indent = 0, Rgb colour = kInk, double gap_after = 3) {
    const double width = PdfPages::kWidth - 2 * PdfPages::kMargin - indent;
    const double height = pages_.measure(width, content, font);
    if (y_ + height > PdfPages::kHeight - PdfPages::kMargin) {
      pages_.next_page();
      y_ = PdfPages::kMargin;
    }
    y_ += pages_.text(PdfPages::kMargin + indent, y_, width, content, font, colour) + gap_after;
  }
  void space(double points) { y_ += points; }

 private:
  PdfPages& pages_;
  double y_ = PdfPages::kMargin;
};

std::string counts_text(const Json& counts) {
  std::string text;
  for (const char* standing : {"done", "in_progress", "overdue", "not_started"}) {
    if (!text.empty()) text += " · ";
    text += std::string(standing_label(standing)) + " " + std::to_string(counts.value(standing, 0));
  }
  return text;
}

std::string task_line(const Json& task) {
  std::string line = "【" + std::string(standing_label(task["standing"].get<std::string>())) + "】";
  if (task.contains("number")) line += task["number"].get<std::string>() + " ";
  line += task["name"].get<std::string>() + "（" + (task.value("co_lead", false) ? "配合" : "牵头");
  if (task.contains("due_on")) {
    line += "；截止 " + task["due_on"].get<std::string>();
    if (task.value("due_on_basis", "") == "inferred") line += "，由计划期限推定";
  }
  return line + "）";
}

std::string kpi_line(const Json& kpi) {
  const std::string value = kpi["value"].is_number() ? figure_text(kpi["value"].get<double>()) : "暂无数据";
  return kpi["name"].get<std::string>() + "：" + value + " / 目标 " + target_text(kpi["target"]) + "，" +
         status_label(kpi["status"].get<std::string>());
}

}  // namespace

std::string year_end_pdf(const Json& review) {
  std::string pdf;
  {
    PdfPages pages(pdf);
    Flow flow(pages);
    flow.block(std::to_string(review["year"].get<int>()) + " 年度年终考评", kTitleFont);
    // A past year is judged as it stood at its end.
    const std::string year = std::to_string(review["year"].get<int>());
    const std::string judged_on = review["judged_on"].get<std::string>();
    const std::string as_of = judged_on.starts_with(year) ? judged_on : year + "-12-31";
    flow.block("截至 " + as_of + "；部门对其牵头与配合的任务、牵头的指标负责", kBodyFont, 0, kGrey, 10);
    flow.block("各计划", kHeadingFont);
    for (const Json& plan : review["plans"]) {
      flow.block(plan["name"].get<std::string>() + "：" + counts_text(plan["counts"]), kBodyFont, 8);
    }
    for (const Json& department : review["departments"]) {
      flow.space(8);
      flow.block(department["name"].get<std::string>(), kHeadingFont);
      flow.block(
          "任务 " + counts_text(department["counts"]) + "；指标 " + std::to_string(department["kpis"].size()) + " 项",
          kBodyFont, 0, kGrey);
      for (const Json& task : department["tasks"]) {
        flow.block(task_line(task), kBodyFont, 8, kInk, 1);
        if (task.contains("evidence")) {
          flow.block("佐证：" + task["evidence"].get<std::string>(), kNoteFont, 20, kGrey);
        } else if (task["standing"] == "done" || task["standing"] == "in_progress") {
          flow.block("佐证：未填写", kNoteFont, 20, kGrey);
        }
      }
      for (const Json& kpi : department["kpis"]) {
        flow.block(kpi_line(kpi), kBodyFont, 8, kInk, 1);
        flow.block("依据：" + kpi["basis"].value("summary", std::string("未说明")), kNoteFont, 20, kGrey);
      }
    }
  }
  return pdf;
}

}  // namespace alley::plans
