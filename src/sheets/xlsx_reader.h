#pragma once
// The first worksheet of an XLSX workbook (Office Open XML, as LibreOffice
// and other spreadsheets write it) as rows of cell text: shared and inline
// strings, numbers as written (a date is its day number), booleans as 1 or
// 0, a formula by its last computed value. Styles, other sheets and
// everything else in the file are not read.

#include <string_view>
#include <vector>

#include "core/error.h"
#include "records/table_io.h"

namespace alley::sheets {

// The most rows and columns a sheet may hold here; a larger one is refused
// before it is read whole.
inline constexpr std::size_t kMaxSheetRows = 10001;
inline constexpr std::size_t kMaxSheetColumns = 200;

// Malformed, saying why, for bytes that are not such a workbook, a damaged
// one, or one past the limits; rows with no text are left out.
Result<std::vector<records::TableRow>> read_first_sheet(std::string_view bytes);

}  // namespace alley::sheets
