#pragma once
// The readers people open Alley's files with, run for a test: LibreOffice
// converting a file in a test's folder, and the file it writes read back.

#include <filesystem>
#include <string>

namespace alley::testing {

// The output of `command` (stdout and stderr) once it has finished.
std::string run_command(const std::string& command);

std::string read_whole_file(const std::filesystem::path& path);

// `soffice --convert-to <target>` of `file` into `folder`, with a profile of
// the folder's own; `input_filter` (e.g. CSV:44,34,76,1 for UTF-8 CSV) when
// given. Returns what LibreOffice printed, for a failing test to show.
std::string libreoffice_convert(const std::filesystem::path& folder, const std::filesystem::path& file,
                                const std::string& target, const std::string& input_filter = "");

// Every sheet of a workbook to its own UTF-8 CSV, named <stem>-<sheet>.csv.
std::string libreoffice_sheets_to_csv(const std::filesystem::path& folder, const std::filesystem::path& workbook);

}  // namespace alley::testing
