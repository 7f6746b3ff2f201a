#include "support/office.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace alley::testing {

std::string run_command(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return output;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  ::pclose(pipe);
  return output;
}

std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string libreoffice_convert(const std::filesystem::path& folder, const std::filesystem::path& file,
                                const std::string& target, const std::string& input_filter) {
  return run_command("cd " + folder.string() + " && HOME=" + folder.string() +
                     " soffice --headless -env:UserInstallation=file://" + (folder / "profile").string() +
                     (input_filter.empty() ? "" : " '--infilter=" + input_filter + "'") + " --convert-to '" + target +
                     "' --outdir " + folder.string() + " " + file.string());
}

std::string libreoffice_sheets_to_csv(const std::filesystem::path& folder, const std::filesystem::path& workbook) {
  // UTF-8 (76), every sheet to its own file (the last option, -1).
  return libreoffice_convert(folder, workbook,
                             "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1");
}

}  // namespace alley::testing
