#include "plans/year_end_workbook.h"

#include <nlohmann/json.hpp>

#include "plans/kpi_progress.h"
#include "plans/year_end_review.h"
#include "sheets/workbook_file.h"

namespace alley::plans {

Result<std::string> year_end_workbook(const Json& review) {
  const auto path = sheets::temporary_workbook_path("review");
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) return Error::internal("cannot create a workbook at " + path.string());
  const auto [bold, wrap] = sheets::add_house_formats(workbook);
  const std::string title = std::to_string(review["year"].get<int>()) + " 年度年终考评（截至 " +
                            review["judged_on"].get<std::string>() + "）";

  lxw_worksheet* tasks = workbook_add_worksheet(workbook, "任务");
  worksheet_write_string(tasks, 0, 0, title.c_str(), bold);
  sheets::write_header(
      tasks, 1, {{"部门", 14}, {"角色", 8}, {"编号", 12}, {"任务", 44}, {"截止日期", 12}, {"状态", 10}, {"佐证", 50}},
      bold);
  lxw_row_t row = 2;
  for (const Json& department : review["departments"]) {
    for (const Json& task : department["tasks"]) {
      worksheet_write_string(tasks, row, 0, department["name"].get<std::string>().c_str(), wrap);
      worksheet_write_string(tasks, row, 1, task.value("co_lead", false) ? "配合" : "牵头", wrap);
      worksheet_write_string(tasks, row, 2, task.value("number", "").c_str(), wrap);
      worksheet_write_string(tasks, row, 3, task["name"].get<std::string>().c_str(), wrap);
      worksheet_write_string(tasks, row, 4, task.value("due_on", "").c_str(), wrap);
      worksheet_write_string(tasks, row, 5, standing_label(task["standing"].get<std::string>()), wrap);
      worksheet_write_string(tasks, row, 6, task.value("evidence", "").c_str(), wrap);
      ++row;
    }
  }

  lxw_worksheet* kpis = workbook_add_worksheet(workbook, "指标");
  worksheet_write_string(kpis, 0, 0, title.c_str(), bold);
  sheets::write_header(
      kpis, 1, {{"部门", 14}, {"指标", 36}, {"目标", 12}, {"当前值", 10}, {"状态", 10}, {"判断依据", 60}}, bold);
  row = 2;
  for (const Json& department : review["departments"]) {
    for (const Json& kpi : department["kpis"]) {
      worksheet_write_string(kpis, row, 0, department["name"].get<std::string>().c_str(), wrap);
      worksheet_write_string(kpis, row, 1, kpi["name"].get<std::string>().c_str(), wrap);
      worksheet_write_string(kpis, row, 2, target_text(kpi["target"]).c_str(), wrap);
      if (kpi["value"].is_number()) {
        worksheet_write_number(kpis, row, 3, kpi["value"].get<double>(), wrap);
      } else {
        worksheet_write_string(kpis, row, 3, "暂无数据", wrap);
      }
      worksheet_write_string(kpis, row, 4, status_label(kpi["status"].get<std::string>()), wrap);
      worksheet_write_string(kpis, row, 5, kpi["basis"].value("summary", "").c_str(), wrap);
      ++row;
    }
  }
  return sheets::close_and_read(workbook, path);
}

}  // namespace alley::plans
