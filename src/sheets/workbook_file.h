#pragma once
// libxlsxwriter writes files, not memory: each workbook is built in a private
// temporary file and read back as the bytes a route answers with.

#include <xlsxwriter.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace alley::sheets {

// The media type of every workbook Alley answers with.
inline constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A fresh path in the temporary folder, e.g. alley-plan-<pid>-<n>.xlsx.
std::filesystem::path temporary_workbook_path(std::string_view prefix);

// The looks every workbook Alley writes shares: a bold, shaded, bordered
// header, and wrapped text set to the top of its cell.
struct HouseFormats {
  lxw_format* header = nullptr;
  lxw_format* wrap = nullptr;
};
HouseFormats add_house_formats(lxw_workbook* workbook);

// A header row: each column's title in `format`, and its width.
void write_header(lxw_worksheet* sheet, lxw_row_t row, const std::vector<std::pair<const char*, double>>& columns,
                  lxw_format* format);

// A moment the API keeps in UTC as the district reads it in a cell:
// 2025-09-26 10:00 (the district's time is UTC+8 all year); what is not a
// moment comes back as it is.
std::string district_moment(const std::string& utc);

// Closes `workbook`, reads its file and removes it.
Result<std::string> close_and_read(lxw_workbook* workbook, const std::filesystem::path& path);

}  // namespace alley::sheets
