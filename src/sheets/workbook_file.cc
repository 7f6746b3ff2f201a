#include "sheets/workbook_file.h"

#include <unistd.h>

#include <cstdlib>
#include <optional>

#include "core/district_time.h"
#include "core/files.h"
#include "core/time_text.h"

namespace alley::sheets {

HouseFormats add_house_formats(lxw_workbook* workbook) {
  HouseFormats formats;
  formats.header = workbook_add_format(workbook);
  format_set_bold(formats.header);
  format_set_bg_color(formats.header, 0xDDEBF7);
  format_set_border(formats.header, LXW_BORDER_THIN);
  formats.wrap = workbook_add_format(workbook);
  format_set_text_wrap(formats.wrap);
  format_set_align(formats.wrap, LXW_ALIGN_VERTICAL_TOP);
  return formats;
}

std::filesystem::path temporary_workbook_path(std::string_view prefix) {
  return std::filesystem::temp_directory_path() / ("alley-" + std::string(prefix) + "-" + std::to_string(::getpid()) +
                                                   "-" + std::to_string(std::rand()) + ".xlsx");
}

std::string district_moment(const std::string& utc) {
  const std::optional<TimePoint> moment = parse_utc_time(utc);
  return moment ? district_minute(*moment) : utc;
}

Result<std::string> close_and_read(lxw_workbook* workbook, const std::filesystem::path& path) {
  const lxw_error closed = workbook_close(workbook);
  std::optional<std::string> bytes = read_file(path);
  std::filesystem::remove(path);
  if (closed != LXW_NO_ERROR) return Error::internal(std::string("cannot write the workbook: ") + lxw_strerror(closed));
  if (!bytes) return Error::internal("cannot read back the workbook at " + path.string());
  return std::move(*bytes);
}

void write_header(lxw_worksheet* sheet, lxw_row_t row, const std::vector<std::pair<const char*, double>>& columns,
                  lxw_format* format) {
  for (lxw_col_t c = 0; c < columns.size(); ++c) {
    worksheet_write_string(sheet, row, c, columns[c].first, format);
    worksheet_set_column(sheet, c, c, columns[c].second, nullptr);
  }
}

}  // namespace alley::sheets
