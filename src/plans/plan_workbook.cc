#include "plans/plan_workbook.h"

#include <xlsxwriter.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>
#include <vector>

#include "plans/department_names.h"
#include "plans/kpi_progress.h"
#include "plans/plan_tree.h"
#include "sheets/workbook_file.h"

namespace alley::plans {
namespace {

const char* task_status_label(const std::string& status) {
  if (status == "done") return "已完成";
  if (status == "in_progress") return "推进中";
  if (status == "dropped") return "已取消";
  if (status == "not_started") return "未开始";
  return "未填报";
}

const char* kind_label(const std::string& kind) {
  if (kind == "goal_area") return "主要目标";
  if (kind == "action") return "专项行动";
  if (kind == "sub_action") return "子项行动";
  if (kind == "project") return "项目";
  if (kind == "milestone") return "节点";
  return "保障措施";
}

struct Formats {
  lxw_format* header;
  lxw_format* wrap;
  lxw_format* indent[4];
};

void write_tasks(lxw_worksheet* sheet, const Json& nodes, int depth, lxw_row_t& row, const Formats& formats,
                 const std::map<std::string, std::string>& names) {
  for (const Json& node : nodes) {
    worksheet_write_string(sheet, row, 0, node.value("number", "").c_str(), formats.wrap);
    worksheet_write_string(sheet, row, 1, node["name"].get<std::string>().c_str(), formats.indent[std::min(depth, 3)]);
    worksheet_write_string(sheet, row, 2, kind_label(node["kind"].get<std::string>()), formats.wrap);
    worksheet_write_string(sheet, row, 3, joined_names(node.value("lead_department_ids", Json::array()), names).c_str(),
                           formats.wrap);
    worksheet_write_string(sheet, row, 4, joined_names(node.value("co_department_ids", Json::array()), names).c_str(),
                           formats.wrap);
    worksheet_write_string(sheet, row, 5, node.value("due_on", "").c_str(), formats.wrap);
    std::string status = task_status_label(node.value("status", ""));
    if (node.value("overdue", false)) status += "（已逾期）";
    worksheet_write_string(sheet, row, 6, status.c_str(), formats.wrap);
    worksheet_write_string(sheet, row, 7, node.value("evidence", "").c_str(), formats.wrap);
    ++row;
    write_tasks(sheet, node["children"], depth + 1, row, formats, names);
  }
}

// Column titles in `row`, each column set to its width.
void write_header(lxw_worksheet* sheet, lxw_row_t row, const std::vector<std::pair<const char*, double>>& columns,
                  lxw_format* format) {
  for (lxw_col_t c = 0; c < columns.size(); ++c) {
    worksheet_write_string(sheet, row, c, columns[c].first, format);
    worksheet_set_column(sheet, c, c, columns[c].second, nullptr);
  }
}

}  // namespace

Result<std::string> plan_workbook(store::Connection& connection, const KpiCounts& counts, const std::string& plan_id,
                                  const std::string& today) {
  Result<Json> tree = plan_tree(connection, plan_id, today);
  if (!tree) return tree.error();
  Result<Json> kpis = all_kpi_progress(connection, counts, plan_id, today);
  if (!kpis) return kpis.error();
  Result<std::map<std::string, std::string>> names = department_names(connection);
  if (!names) return names.error();

  const auto path = sheets::temporary_workbook_path("plan");
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) return Error::internal("cannot create a workbook at " + path.string());
  Formats formats;
  const sheets::HouseFormats house = sheets::add_house_formats(workbook);
  formats.header = house.header;
  formats.wrap = house.wrap;
  for (int level = 0; level < 4; ++level) {
    formats.indent[level] = workbook_add_format(workbook);
    format_set_text_wrap(formats.indent[level]);
    format_set_indent(formats.indent[level], uint8_t(level));
    if (level == 0) format_set_bold(formats.indent[level]);
  }

  const Json& plan = tree.value()["plan"];
  lxw_worksheet* tasks = workbook_add_worksheet(workbook, "施工图");
  worksheet_write_string(tasks, 0, 0, plan["name"].get<std::string>().c_str(), formats.header);
  std::string subtitle = "来源：" + plan.value("source", "") + "；导出日期：" + today;
  if (tree.value().contains("projects")) {
    const Json& projects = tree.value()["projects"];
    subtitle += "；文件称 " + std::to_string(projects["stated"].get<int>()) + " 个项目，列出 " +
                std::to_string(projects["listed"].get<int>()) + " 个";
  }
  worksheet_write_string(tasks, 1, 0, subtitle.c_str(), nullptr);
  write_header(tasks, 3,
               {{"编号", 10},
                {"任务", 46},
                {"类别", 10},
                {"牵头单位", 18},
                {"配合单位", 30},
                {"截止日期", 12},
                {"状态", 14},
                {"进展说明", 50}},
               formats.header);
  lxw_row_t row = 4;
  write_tasks(tasks, tree.value()["tree"], 0, row, formats, names.value());
  worksheet_freeze_panes(tasks, 4, 0);

  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "指标");
  write_header(sheet, 0,
               {{"指标", 30},
                {"单位", 8},
                {"目标", 14},
                {"当前值", 10},
                {"截至", 12},
                {"预测（到期）", 14},
                {"状态", 14},
                {"数据说明", 60}},
               formats.header);
  lxw_row_t kpi_row = 1;
  for (const Json& kpi : kpis.value()["items"]) {
    const Json& target = kpi["target"];
    std::ostringstream goal;
    goal << (target["kind"] == "at_least" ? "≥ " : "") << target["min"].get<double>();
    if (!target["max"].is_null()) goal << "–" << target["max"].get<double>();
    if (target["per_year"].get<bool>()) goal << " /年";
    if (target["cumulative"].get<bool>()) goal << "（新增）";
    worksheet_write_string(sheet, kpi_row, 0, kpi["name"].get<std::string>().c_str(), formats.wrap);
    worksheet_write_string(sheet, kpi_row, 1, kpi["unit"].get<std::string>().c_str(), formats.wrap);
    worksheet_write_string(sheet, kpi_row, 2, goal.str().c_str(), formats.wrap);
    if (!kpi["value"].is_null()) worksheet_write_number(sheet, kpi_row, 3, kpi["value"].get<double>(), formats.wrap);
    if (!kpi["as_of"].is_null())
      worksheet_write_string(sheet, kpi_row, 4, kpi["as_of"].get<std::string>().c_str(), formats.wrap);
    if (!kpi["forecast"].is_null())
      worksheet_write_number(sheet, kpi_row, 5, kpi["forecast"]["value"].get<double>(), formats.wrap);
    worksheet_write_string(sheet, kpi_row, 6, status_label(kpi["status"].get<std::string>()), formats.wrap);
    std::string note = kpi.value("data_note", "");
    if (kpi.value("synthetic_in_value", 0) > 0) {
      note += "（当前值含 " + std::to_string(kpi["synthetic_in_value"].get<int>()) + " 条示例数据）";
    }
    worksheet_write_string(sheet, kpi_row, 7, note.c_str(), formats.wrap);
    ++kpi_row;
  }

  return sheets::close_and_read(workbook, path);
}

}  // namespace alley::plans
