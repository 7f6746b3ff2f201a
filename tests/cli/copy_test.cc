// Moving whole databases between backends, and SQLite's online backup.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/app.h"
#include "modules/modules.h"
#include "support/api_test.h"

namespace alley::testing {
namespace {

const char* const kResources[] = {"departments", "areas", "roads", "places", "organizations", "spaces", "talents"};

// Every resource, exported as JSON.
std::map<std::string, std::string> export_all(const std::string& url) {
  std::map<std::string, std::string> exports;
  for (const char* resource : kResources) {
    CommandResult exported = run_alley({"export", resource, "--db", url});
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    exports[resource] = exported.out;
  }
  return exports;
}

TEST(Copy, ThereAndBackLosesNothing) {
  TempDir dir;
  const std::string original = dir.sqlite_url("original.db");
  ASSERT_EQ(run_alley({"init", "--db", original, "--demo"}).exit_code, 0);
  // Through the backend under test (PostgreSQL in that run) and back to SQLite.
  const std::string middle = dir.db_url("middle");
  const std::string back = dir.sqlite_url("back.db");
  CommandResult there = run_alley({"copy", "--from", original, "--to", middle});
  ASSERT_EQ(there.exit_code, 0) << there.err;
  EXPECT_NE(there.out.find("organizations"), std::string::npos);
  app::App application;
  modules::register_all(application);
  const std::string verified = "verified " + std::to_string(application.catalog().copied_tables().size()) + " tables";
  EXPECT_NE(there.err.find(verified), std::string::npos) << there.err;
  CommandResult home = run_alley({"copy", "--from", middle, "--to", back});
  ASSERT_EQ(home.exit_code, 0) << home.err;
  // The per-table checksums printed are the same on every backend.
  EXPECT_EQ(there.out, home.out);
  EXPECT_EQ(export_all(original), export_all(back));

  // The copy serves, and new rows do not collide with copied ones.
  ServerProcess server({"--db", middle});
  Response created =
      post_json(server.port(), "/api/v1/departments", {{"name", "新部门"}, {"source", "test"}, {"kind", "department"}});
  EXPECT_EQ(created.status, 201) << created.body;
}

TEST(Copy, RefusesANonEmptyTarget) {
  TempDir dir;
  const std::string source = dir.sqlite_url("source.db");
  ASSERT_EQ(run_alley({"init", "--db", source}).exit_code, 0);
  const std::string target = dir.db_url("target");
  ASSERT_EQ(run_alley({"init", "--db", target}).exit_code, 0);
  const auto before = export_all(target);
  CommandResult refused = run_alley({"copy", "--from", source, "--to", target});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("not empty"), std::string::npos) << refused.err;
  EXPECT_EQ(export_all(target), before);
}

TEST(Backup, OfARunningServerRestoresToTheSameData) {
  TempDir dir;
  const std::string live = dir.sqlite_url("live.db");
  ASSERT_EQ(run_alley({"init", "--db", live}).exit_code, 0);
  ServerProcess server({"--db", live});
  // Writes keep coming while the backup runs.
  std::atomic<bool> writing{true};
  std::thread writer([&] {
    for (int i = 0; writing; ++i) {
      post_json(server.port(), "/api/v1/departments",
                {{"id", "w" + std::to_string(i)}, {"name", "写入"}, {"source", "t"}, {"kind", "department"}});
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::string backup = (dir.path() / "backup.db").string();
  CommandResult backed_up = run_alley({"backup", "--db", live, "--to", backup});
  writing = false;
  writer.join();
  ASSERT_EQ(backed_up.exit_code, 0) << backed_up.err;
  server.stop();

  const std::string restored = dir.sqlite_url("restored.db");
  CommandResult done = run_alley({"restore", "--from", backup, "--db", restored});
  ASSERT_EQ(done.exit_code, 0) << done.err;
  EXPECT_EQ(export_all(restored), export_all("sqlite:" + backup));
  // The snapshot holds the pack and a prefix of the writes, nothing torn.
  const Json departments = Json::parse(run_alley({"export", "departments", "--db", restored}).out);
  EXPECT_GT(departments.size(), 20u);

  CommandResult again = run_alley({"restore", "--from", backup, "--db", restored});
  EXPECT_EQ(again.exit_code, 2) << "restoring over an existing database needs --force";
  EXPECT_EQ(run_alley({"backup", "--db", live, "--to", backup}).exit_code, 2) << "never overwrite a backup";
}

TEST(Backup, RestoreRefusesAFileBeingServed) {
  TempDir dir;
  const std::string live = dir.sqlite_url("live.db");
  ASSERT_EQ(run_alley({"init", "--db", live}).exit_code, 0);
  const std::string backup = (dir.path() / "backup.db").string();
  ASSERT_EQ(run_alley({"backup", "--db", live, "--to", backup}).exit_code, 0);
  {
    ServerProcess server({"--db", live});
    ASSERT_EQ(post_json(server.port(), "/api/v1/departments",
                        {{"id", "after-backup"}, {"name", "备份之后"}, {"source", "t"}, {"kind", "department"}})
                  .status,
              201);
    CommandResult refused = run_alley({"restore", "--from", backup, "--db", live, "--force"});
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_NE(refused.err.find("being served"), std::string::npos) << refused.err;
    // The running server's data is untouched.
    EXPECT_EQ(request(server.port(), "GET", "/api/v1/departments/after-backup").status, 200);
  }
  // Once the server has stopped, the restore goes ahead.
  CommandResult restored = run_alley({"restore", "--from", backup, "--db", live, "--force"});
  EXPECT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_EQ(export_all(live), export_all("sqlite:" + backup));
}

TEST(Backup, RefusesWhatItCannotDo) {
  TempDir dir;
  const std::string junk = (dir.path() / "junk.db").string();
  std::ofstream(junk) << std::string(8192, 'j');
  CommandResult restore = run_alley({"restore", "--from", junk, "--db", dir.sqlite_url("x.db")});
  EXPECT_NE(restore.exit_code, 0);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "x.db"));
  CommandResult postgres = run_alley({"backup", "--db", "postgresql://nobody@127.0.0.1:1/none", "--to", "x"});
  EXPECT_EQ(postgres.exit_code, 2);
  EXPECT_NE(postgres.err.find("pg_dump"), std::string::npos);
}

}  // namespace
}  // namespace alley::testing
