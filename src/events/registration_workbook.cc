#include "events/registration_workbook.h"

#include <map>
#include <nlohmann/json.hpp>

#include "sheets/workbook_file.h"

namespace alley::events {
namespace {

const std::map<std::string, const char*> kStatusWords = {{"confirmed", "已确认"},
                                                         {"waitlisted", "候补"},
                                                         {"offered", "递补待确认"},
                                                         {"expired", "递补逾期"},
                                                         {"cancelled", "已取消"}};

std::string text(const Json& item, const char* field) {
  const Json& value = item.contains(field) ? item[field] : Json();
  return value.is_string() ? value.get<std::string>() : "";
}

}  // namespace

Result<std::string> registrations_workbook(const Json& event, const Json& listed) {
  const auto path = sheets::temporary_workbook_path("registrations");
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) return Error::internal("cannot create a workbook at " + path.string());
  const auto [bold, wrap] = sheets::add_house_formats(workbook);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "报名名单");
  const std::string title = event.value("name", "") + "　" + sheets::district_moment(event.value("starts_at", "")) +
                            "（手机号" +
                            (listed.value("phones", "") == "full" ? "为完整号码，仅限主办单位使用" : "已遮蔽") + "）";
  worksheet_write_string(sheet, 0, 0, title.c_str(), bold);
  sheets::write_header(sheet, 1,
                       {{"序号", 6},
                        {"姓名", 14},
                        {"单位", 26},
                        {"手机号", 15},
                        {"状态", 14},
                        {"现场登记", 9},
                        {"报名时间", 17},
                        {"签到时间", 17}},
                       bold);
  lxw_row_t row = 2;
  for (const Json& item : listed["items"]) {
    const std::string status = text(item, "status");
    const std::vector<std::string> cells = {text(item, "name"),
                                            text(item, "organisation"),
                                            text(item, "phone"),
                                            kStatusWords.contains(status) ? kStatusWords.at(status) : status,
                                            item.value("walk_in", false) ? "是" : "",
                                            sheets::district_moment(text(item, "created_at")),
                                            sheets::district_moment(text(item, "checked_in_at"))};
    worksheet_write_number(sheet, row, 0, double(row - 1), nullptr);
    for (lxw_col_t c = 0; c < cells.size(); ++c) worksheet_write_string(sheet, row, c + 1, cells[c].c_str(), wrap);
    ++row;
  }
  worksheet_freeze_panes(sheet, 2, 2);
  return sheets::close_and_read(workbook, path);
}

}  // namespace alley::events
