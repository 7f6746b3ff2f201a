#include "plans/progress_report.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "plans/kpi_progress.h"
#include "plans/pdf_page.h"
#include "plans/plan_tree.h"

namespace alley::plans {
namespace {

constexpr double kWidth = PdfPages::kWidth, kHeight = PdfPages::kHeight, kMargin = PdfPages::kMargin;

Rgb colour_of(const std::string& status) {
  if (status == "green") return {0.20, 0.60, 0.30};
  if (status == "amber") return {0.90, 0.60, 0.10};
  if (status == "red") return {0.80, 0.20, 0.20};
  return {0.60, 0.60, 0.60};
}

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, value == double(long(value)) ? "%.0f" : "%.1f", value);
  return buffer;
}

}  // namespace

Result<std::string> progress_report_pdf(store::Connection& connection, const KpiCounts& counts,
                                        const std::string& plan_id, const std::string& today) {
  Result<Json> tree = plan_tree(connection, plan_id, today);
  if (!tree) return tree.error();
  Result<Json> kpis = all_kpi_progress(connection, counts, plan_id, today);
  if (!kpis) return kpis.error();

  std::string pdf;
  {
    PdfPages page(pdf);
    double y = kMargin;
    const double width = kWidth - 2 * kMargin;
    y += page.text(kMargin, y, width, tree.value()["plan"]["name"].get<std::string>(), "Noto Sans CJK SC Bold 15");
    y += 4 + page.text(kMargin, y + 4, width, "目标进展报告 · 截至 " + today, "Noto Sans CJK SC 11", {0.3, 0.3, 0.3});
    std::string summary = "指标共 " + std::to_string(kpis.value()["total"].get<int>()) + " 项：";
    for (const char* status : {"green", "amber", "red", "no_data"}) {
      summary += std::string(status_label(status)) + " " + std::to_string(kpis.value()["by_status"].value(status, 0)) +
                 " 项  ";
    }
    y += 10 + page.text(kMargin, y + 10, width, summary, "Noto Sans CJK SC 10");
    y += 16;

    const double bar_x = kMargin + 200, bar_width = width - 200 - 90;
    for (const Json& kpi : kpis.value()["items"]) {
      if (y > kHeight - kMargin - 60) {
        page.next_page();
        y = kMargin;
      }
      const std::string status = kpi["status"].get<std::string>();
      const double target = kpi["target"]["min"].get<double>();
      const double value = kpi["value"].is_null() ? 0 : kpi["value"].get<double>();
      const double forecast = kpi["forecast"].is_null() ? -1 : kpi["forecast"]["value"].get<double>();
      const double scale = std::max({target, value, forecast, 1.0}) * 1.1;
      const double height = page.text(kMargin, y, 195, kpi["name"].get<std::string>(), "Noto Sans CJK SC 9.5");
      // The target as an outline, the value filled in its status colour, the forecast as a tick.
      page.box(bar_x, y + 2, bar_width * target / scale, 10, {0.55, 0.55, 0.55}, false);
      page.box(bar_x, y + 2, bar_width * value / scale, 10, colour_of(status), true);
      if (forecast >= 0) {
        const double fx = bar_x + bar_width * std::clamp(forecast, 0.0, scale) / scale;
        page.line(fx, y, fx, y + 14, {0.1, 0.3, 0.7});
      }
      std::string figures = (kpi["value"].is_null() ? std::string("—") : number(value)) + " / " + number(target) + " " +
                            kpi["unit"].get<std::string>();
      if (kpi.value("synthetic_in_value", 0) > 0) {
        figures += "（含示例 " + std::to_string(kpi["synthetic_in_value"].get<int>()) + "）";
      }
      const double figures_height = page.text(bar_x + bar_width + 6, y, 90, figures + "\n" + status_label(status),
                                              "Noto Sans CJK SC 8", colour_of(status));
      y += std::max({height, figures_height, 26.0}) + 6;
      if (status == "no_data" && kpi.contains("data_note")) {
        y += 4 + page.text(kMargin + 10, y, width - 10, "数据说明：" + kpi["data_note"].get<std::string>(),
                           "Noto Sans CJK SC 7.5", {0.4, 0.4, 0.4});
      }
    }
    y += 10;
    page.text(kMargin, std::min(y, kHeight - kMargin - 20), width,
              "图例：空框为目标，实心为当前值，蓝线为按已有数据线性外推至截止日期的预测。逾期任务 " +
                  std::to_string(tree.value()["overdue"].size()) + " 项。",
              "Noto Sans CJK SC 8", {0.3, 0.3, 0.3});
  }
  return pdf;
}

}  // namespace alley::plans
