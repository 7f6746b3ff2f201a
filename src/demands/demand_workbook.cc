#include "demands/demand_workbook.h"

#include <map>
#include <nlohmann/json.hpp>

#include "sheets/workbook_file.h"
#include "workflow/workflow.h"

namespace alley::demands {
namespace {

void write_rate(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const Json& value, lxw_format* percent,
                lxw_format* plain) {
  if (value.is_number()) {
    worksheet_write_number(sheet, row, column, value.get<double>(), percent);
  } else {
    worksheet_write_string(sheet, row, column, "暂无数据", plain);
  }
}

// Working minutes as working hours, which read better.
void write_hours(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const Json& minutes, lxw_format* number,
                 lxw_format* plain) {
  if (minutes.is_number()) {
    worksheet_write_number(sheet, row, column, minutes.get<double>() / 60.0, number);
  } else {
    worksheet_write_string(sheet, row, column, "暂无数据", plain);
  }
}

}  // namespace

Result<std::string> demands_workbook(const DemandRows& rows) {
  const auto path = sheets::temporary_workbook_path("demands");
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) return Error::internal("cannot create a workbook at " + path.string());
  const auto [bold, wrap] = sheets::add_house_formats(workbook);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "企业诉求");
  sheets::write_header(sheet, 0,
                       {{"编号", 22},
                        {"诉求", 30},
                        {"企业", 24},
                        {"类别", 12},
                        {"受理渠道", 10},
                        {"受理时间", 17},
                        {"状态", 10},
                        {"服务层级", 14},
                        {"承办单位", 24},
                        {"超时", 6},
                        {"兜底", 6},
                        {"退回次数", 8},
                        {"转派次数", 8},
                        {"升级次数", 8},
                        {"评价", 10},
                        {"办结时间", 17},
                        {"示例数据", 8}},
                       bold);
  const auto name = [&](const std::string& id) {
    return rows.names.contains(id) ? rows.names[id].get<std::string>() : id;
  };
  const auto label = [&](const char* field, const std::string& value) {
    const Json& of = rows.labels.contains(field) ? rows.labels[field] : Json();
    return of.is_object() && of.contains(value) ? of[value].get<std::string>() : value;
  };
  lxw_row_t row = 1;
  for (const Json& demand : rows.demands) {
    const std::vector<std::string> cells = {workflow::text_of(demand, "id"),
                                            workflow::text_of(demand, "name"),
                                            name(workflow::text_of(demand, "org_id")),
                                            name(workflow::text_of(demand, "category_id")),
                                            label("channel", workflow::text_of(demand, "channel")),
                                            sheets::district_moment(workflow::text_of(demand, "received_at")),
                                            label("status", workflow::text_of(demand, "status")),
                                            name(workflow::text_of(demand, "level_id")),
                                            name(workflow::text_of(demand, "unit_id")),
                                            demand.value("overdue", false) ? "是" : "否",
                                            demand.value("last_resort", false) ? "是" : "否"};
    for (lxw_col_t c = 0; c < cells.size(); ++c) worksheet_write_string(sheet, row, c, cells[c].c_str(), wrap);
    lxw_col_t c = lxw_col_t(cells.size());
    for (const char* count : {"returns", "reassignments", "escalations"})
      worksheet_write_number(sheet, row, c++, double(demand.value(count, 0)), nullptr);
    worksheet_write_string(sheet, row, c++, label("rating", workflow::text_of(demand, "rating")).c_str(), wrap);
    worksheet_write_string(sheet, row, c++, sheets::district_moment(workflow::text_of(demand, "resolved_at")).c_str(),
                           wrap);
    worksheet_write_string(sheet, row, c++, demand.value("synthetic", false) ? "示例" : "", wrap);
    ++row;
  }
  worksheet_freeze_panes(sheet, 1, 2);
  return sheets::close_and_read(workbook, path);
}

Result<std::string> monthly_report_workbook(const std::vector<Json>& stats) {
  const auto path = sheets::temporary_workbook_path("demand-report");
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) return Error::internal("cannot create a workbook at " + path.string());
  const auto [bold, wrap] = sheets::add_house_formats(workbook);
  lxw_format* percent = workbook_add_format(workbook);
  format_set_num_format(percent, "0.0%");
  lxw_format* hours = workbook_add_format(workbook);
  format_set_num_format(hours, "0.0");
  const std::map<std::string, const char*> sheet_names = {
      {"unit", "按承办单位"}, {"category", "按类别"}, {"building", "按楼宇"}, {"district", "全街区"}};
  for (const Json& answer : stats) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_names.at(answer["by"].get<std::string>()));
    const std::string title = std::to_string(answer["year"].get<int>()) + " 年企业诉求月报（生成于 " +
                              sheets::district_moment(answer["generated_at"].get<std::string>()) + "）" +
                              (answer["synthetic_demands"].get<std::int64_t>() > 0 ? "；含示例数据" : "");
    worksheet_write_string(sheet, 0, 0, title.c_str(), bold);
    sheets::write_header(sheet, 1,
                         {{"名称", 26},
                          {"月份", 9},
                          {"派出件次", 9},
                          {"已签收", 8},
                          {"响应率", 8},
                          {"按时签收率", 10},
                          {"签收用时中位数（工作小时）", 14},
                          {"办结", 7},
                          {"解决率", 8},
                          {"办结用时中位数（工作小时）", 14},
                          {"评价", 7},
                          {"满意率", 8},
                          {"退回", 7},
                          {"当前未关闭", 9},
                          {"当前超时", 9}},
                         bold);
    lxw_row_t row = 2;
    for (const Json& group : answer["groups"]) {
      std::vector<std::pair<std::string, const Json*>> lines;
      for (const Json& month : group["months"]) lines.emplace_back(month["month"].get<std::string>(), &month);
      lines.emplace_back("全年", &group["total"]);
      for (const auto& [month, figures] : lines) {
        const Json& f = *figures;
        worksheet_write_string(sheet, row, 0, group["name"].get<std::string>().c_str(), wrap);
        worksheet_write_string(sheet, row, 1, month.c_str(), wrap);
        worksheet_write_number(sheet, row, 2, double(f["received"].get<std::int64_t>()), nullptr);
        worksheet_write_number(sheet, row, 3, double(f["responded"].get<std::int64_t>()), nullptr);
        write_rate(sheet, row, 4, f["response_rate"], percent, wrap);
        write_rate(sheet, row, 5, f["on_time_accept_rate"], percent, wrap);
        write_hours(sheet, row, 6, f["median_accept_minutes"], hours, wrap);
        worksheet_write_number(sheet, row, 7, double(f["resolved"].get<std::int64_t>()), nullptr);
        write_rate(sheet, row, 8, f["resolution_rate"], percent, wrap);
        write_hours(sheet, row, 9, f["median_resolve_minutes"], hours, wrap);
        worksheet_write_number(sheet, row, 10, double(f["ratings"].get<std::int64_t>()), nullptr);
        write_rate(sheet, row, 11, f["satisfaction_rate"], percent, wrap);
        std::int64_t returns = 0;
        for (const auto& [reason, count] : f["returns"].items()) returns += count.get<std::int64_t>();
        worksheet_write_number(sheet, row, 12, double(returns), nullptr);
        if (f.contains("open_now")) {
          worksheet_write_number(sheet, row, 13, double(f["open_now"].get<std::int64_t>()), nullptr);
          worksheet_write_number(sheet, row, 14, double(f["overdue_now"].get<std::int64_t>()), nullptr);
        }
        ++row;
      }
    }
    worksheet_freeze_panes(sheet, 2, 2);
  }
  return sheets::close_and_read(workbook, path);
}

}  // namespace alley::demands
