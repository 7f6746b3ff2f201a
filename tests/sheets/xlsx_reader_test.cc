// The workbook reader on files another writer made (libxlsxwriter here;
// LibreOffice's in tests/http/imports_test.cc) and on files that are not
// workbooks at all.

#include "sheets/xlsx_reader.h"

#include <gtest/gtest.h>

#include "sheets/workbook_file.h"

namespace alley::sheets {
namespace {

std::string written_workbook(const std::function<void(lxw_workbook*, lxw_worksheet*)>& fill) {
  const auto path = temporary_workbook_path("reader-test");
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "数据");
  fill(workbook, sheet);
  Result<std::string> bytes = close_and_read(workbook, path);
  EXPECT_TRUE(bytes.ok());
  return bytes.ok() ? bytes.value() : std::string();
}

TEST(XlsxReader, ReadsTextNumbersBooleansAndDatesOfTheFirstSheetByRowAndColumn) {
  const std::string bytes = written_workbook([](lxw_workbook* workbook, lxw_worksheet* sheet) {
    lxw_format* date = workbook_add_format(workbook);
    format_set_num_format(date, "yyyy-mm-dd");
    worksheet_write_string(sheet, 0, 0, "名称", nullptr);
    worksheet_write_string(sheet, 0, 1, "员工人数", nullptr);
    worksheet_write_string(sheet, 0, 3, "截止日期", nullptr);
    worksheet_write_string(sheet, 1, 0, "甲 & <乙>", nullptr);
    worksheet_write_number(sheet, 1, 1, 12, nullptr);
    worksheet_write_boolean(sheet, 1, 2, 1, nullptr);
    lxw_datetime day = {2024, 12, 31, 0, 0, 0};
    worksheet_write_datetime(sheet, 1, 3, &day, date);
    // Row 3 is left empty; row 4 holds one cell in its second column.
    worksheet_write_number(sheet, 3, 1, 0.125, nullptr);
    lxw_worksheet* other = workbook_add_worksheet(workbook, "其他");
    worksheet_write_string(other, 0, 0, "不读", nullptr);
  });
  Result<std::vector<records::TableRow>> rows = read_first_sheet(bytes);
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].cells, std::vector<std::string>({"名称", "员工人数", "", "截止日期"}));
  EXPECT_EQ((*rows)[1].number, 2u);
  EXPECT_EQ((*rows)[1].cells, std::vector<std::string>({"甲 & <乙>", "12", "1", "45657"}));
  EXPECT_EQ((*rows)[2].number, 4u) << "an empty row is left out, and counted";
  EXPECT_EQ((*rows)[2].cells, std::vector<std::string>({"", "0.125"}));
}

TEST(XlsxReader, RefusesWhatIsNotAWorkbookOrIsDamagedOrTooLarge) {
  const std::string good = written_workbook(
      [](lxw_workbook*, lxw_worksheet* sheet) { worksheet_write_string(sheet, 0, 0, "名称", nullptr); });
  ASSERT_TRUE(read_first_sheet(good).ok());
  for (const std::string& bad : {std::string(), std::string("PK\x03\x04"), std::string("名称\n甲\n"),
                                 good.substr(0, good.size() / 2), good.substr(good.size() / 3)}) {
    Result<std::vector<records::TableRow>> rows = read_first_sheet(bad);
    EXPECT_FALSE(rows.ok()) << bad.size() << " bytes were read as a sheet";
    if (!rows.ok()) EXPECT_EQ(rows.error().code, ErrorCode::kMalformed) << rows.error().message;
  }
  const std::string wide = written_workbook([](lxw_workbook*, lxw_worksheet* sheet) {
    worksheet_write_string(sheet, 0, lxw_col_t(kMaxSheetColumns), "太宽", nullptr);
  });
  EXPECT_FALSE(read_first_sheet(wide).ok());
  const std::string long_sheet = written_workbook([](lxw_workbook*, lxw_worksheet* sheet) {
    worksheet_write_string(sheet, lxw_row_t(kMaxSheetRows), 0, "太长", nullptr);
  });
  Result<std::vector<records::TableRow>> rows = read_first_sheet(long_sheet);
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.error().message.find("split it"), std::string::npos) << rows.error().message;
}

}  // namespace
}  // namespace alley::sheets
