// The `alley` command line: clear one-line errors and exit codes, idempotent
// init, and import/export that move records without loss.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/api_test.h"

namespace alley::testing {
namespace {

int count_lines(const std::string& text) { return int(std::count(text.begin(), text.end(), '\n')); }

TEST(Cli, VersionAndHelp) {
  CommandResult version = run_alley({"version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_TRUE(version.out.starts_with("alley ")) << version.out;
  EXPECT_EQ(run_alley({"help"}).exit_code, 0);
  CommandResult unknown = run_alley({"frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown command 'frobnicate'"), std::string::npos);
}

TEST(Cli, UnknownPackIsOneClearLine) {
  TempDir dir;
  CommandResult result = run_alley({"init", "--db", dir.db_url(), "--pack", "atlantis"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(count_lines(result.err), 1) << result.err;
  EXPECT_NE(result.err.find("unknown pack 'atlantis'"), std::string::npos) << result.err;
}

TEST(Cli, UnopenableDatabaseIsOneClearLine) {
  CommandResult result = run_alley({"serve", "--db", "sqlite:/nonexistent-folder/alley.db", "--port", "0"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(count_lines(result.err), 1) << result.err;
  EXPECT_NE(result.err.find("cannot open database"), std::string::npos) << result.err;
  CommandResult scheme = run_alley({"serve", "--db", "mysql://h/db", "--port", "0"});
  EXPECT_EQ(scheme.exit_code, 1);
  EXPECT_EQ(count_lines(scheme.err), 1) << scheme.err;
}

TEST(Cli, MissingChineseScriptDataIsOneClearLine) {
  TempDir dir;
  ::setenv("ALLEY_OPENCC_DIR", dir.path().c_str(), 1);  // a folder with no OpenCC configurations
  CommandResult result = run_alley({"serve", "--db", dir.db_url(), "--port", "0"});
  ::unsetenv("ALLEY_OPENCC_DIR");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(count_lines(result.err), 1) << result.err;
  EXPECT_NE(result.err.find("s2tw.json is not in " + dir.path().string()), std::string::npos) << result.err;
}

TEST(Cli, PortInUseIsOneClearLine) {
  TempDir dir;
  ServerProcess first({"--db", dir.db_url()});
  CommandResult second = run_alley({"serve", "--db", dir.db_url("other.db"), "--port", std::to_string(first.port())});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_EQ(count_lines(second.err), 1) << second.err;
  EXPECT_NE(second.err.find("cannot listen"), std::string::npos) << second.err;
}

TEST(Cli, BadOptionsExitTwo) {
  EXPECT_EQ(run_alley({"serve", "--port", "99999"}).exit_code, 2);
  EXPECT_EQ(run_alley({"serve", "--colour", "red"}).exit_code, 2);
  EXPECT_EQ(run_alley({"export", "unicorns"}).exit_code, 2);
}

TEST(Cli, InitIsIdempotent) {
  TempDir dir;
  CommandResult first = run_alley({"init", "--db", dir.db_url(), "--demo"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  CommandResult second = run_alley({"init", "--db", dir.db_url(), "--demo"});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.err.find("nothing to load"), std::string::npos) << second.err;
  ServerProcess server({"--db", dir.db_url()});
  Json page = json_of(request(server.port(), "GET", "/api/v1/organizations?synthetic=true&limit=1"));
  EXPECT_EQ(page["total"], 600);
  // The demo names chip firms, so the district's search has something to find.
  Json chips = json_of(request(server.port(), "GET", "/api/v1/search?q=%E8%8A%AF%E7%89%87&limit=5"));
  EXPECT_GT(chips["total"].get<int>(), 10);
  for (const Json& hit : chips["items"]) EXPECT_EQ(hit["synthetic"], true);
}

TEST(Cli, ExportThenImportMovesEveryRecord) {
  TempDir dir;
  ASSERT_EQ(run_alley({"init", "--db", dir.db_url()}).exit_code, 0);
  for (const char* format : {"csv", "json"}) {
    const std::string file = (dir.path() / (std::string("places.") + format)).string();
    CommandResult exported = run_alley({"export", "places", "--format", format, "--out", file, "--db", dir.db_url()});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    // Places refer to areas, and areas to departments: the target needs those first.
    const std::string target = dir.db_url(std::string("copy-") + format + ".db");
    for (const char* prerequisite : {"departments", "areas"}) {
      const std::string path = (dir.path() / (std::string(prerequisite) + ".json")).string();
      ASSERT_EQ(run_alley({"export", prerequisite, "--out", path, "--db", dir.db_url()}).exit_code, 0);
      CommandResult in = run_alley({"import", prerequisite, path, "--db", target});
      ASSERT_EQ(in.exit_code, 0) << in.err;
    }
    CommandResult imported = run_alley({"import", "places", file, "--db", target});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    CommandResult original = run_alley({"export", "places", "--db", dir.db_url()});
    CommandResult copy = run_alley({"export", "places", "--db", target});
    Json a = Json::parse(original.out), b = Json::parse(copy.out);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      for (const char* stamp : {"created_at", "updated_at"}) {
        a[i].erase(stamp);
        b[i].erase(stamp);
      }
      EXPECT_EQ(a[i], b[i]) << format;
    }
  }
}

TEST(Cli, ABadImportChangesNothing) {
  TempDir dir;
  const std::string file = (dir.path() / "bad.csv").string();
  std::ofstream(file) << "id,name,source,kind\nd1,甲,t,department\nd2,乙,t,ministry\n";
  CommandResult result = run_alley({"import", "departments", file, "--db", dir.db_url()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("row 3"), std::string::npos) << result.err << " (the sheet's row, after its header)";
  EXPECT_NE(result.err.find("kind"), std::string::npos) << result.err;
  CommandResult exported = run_alley({"export", "departments", "--db", dir.db_url()});
  EXPECT_EQ(Json::parse(exported.out).size(), 0u);
}

TEST(Cli, HostileImportFilesAreRefusedClearlyAndChangeNothing) {
  TempDir dir;
  const std::string db = dir.db_url();
  ASSERT_EQ(run_alley({"init", "--db", db}).exit_code, 0);
  const std::string before = run_alley({"export", "organizations", "--db", db}).out;
  const std::vector<std::pair<std::string, std::string>> files = {
      {"deep.json", "[{\"name\":\"深\",\"source\":\"t\",\"kind\":\"enterprise\",\"sectors\":" +
                        std::string(100000, '[') + std::string(100000, ']') + "}]"},
      {"huge.json", R"([{"name":"大","source":"t","kind":"enterprise","employees":1e400}])"},
      {"nul.json", R"([{"name":"硅\u0000巷","source":"t","kind":"enterprise"}])"},
      {"gbk.csv", "name,source,kind\n\xBB\xAA\xD1\xF4,t,enterprise\n"},
      {"broken.csv", "name,source,kind\n\xC0\xAF,t,enterprise\n"},
      {"deep-cell.csv", "name,source,kind,sectors\n深,t,enterprise," + std::string(100000, '[') + "\n"},
  };
  for (const auto& [name, content] : files) {
    SCOPED_TRACE(name);
    const std::string file = (dir.path() / name).string();
    std::ofstream(file, std::ios::binary) << content;
    CommandResult result = run_alley({"import", "organizations", file, "--db", db});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    // A sentence, with the fields at fault on lines of their own where a row breaks rules.
    EXPECT_NE(result.err.find("alley: "), std::string::npos) << result.err;
    EXPECT_LE(count_lines(result.err), 3) << result.err;
  }
  EXPECT_EQ(run_alley({"export", "organizations", "--db", db}).out, before);
}

}  // namespace
}  // namespace alley::testing
