#pragma once
// Runs the real `alley` binary as a child process for integration tests.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace alley::testing {

// The alley binary under test: the build's, or $ALLEY_TEST_BINARY (to show
// that a test fails against an older build).
std::filesystem::path alley_binary();

// A fresh empty folder under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // A database on the backend under test, made on first use of `name` and
  // dropped with the folder.
  std::string db_url(const std::string& name = "alley.db");
  // Always an SQLite file, for what only SQLite does (online backup).
  std::string sqlite_url(const std::string& name) const { return "sqlite:" + (path_ / name).string(); }

 private:
  std::filesystem::path path_;
  std::map<std::string, std::string> databases_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `alley ARGS…` to completion.
CommandResult run_alley(const std::vector<std::string>& args);

// Adds each user (`alley user add NAME --role ROLE …` given as NAME, --role,
// ROLE, more options) to `db` and makes it an API token. Returns
// "Bearer …" by role; a failure is reported to the running test.
std::map<std::string, std::string> add_users_by_role(const std::string& db,
                                                     const std::vector<std::vector<std::string>>& users);

// `alley serve --port 0 …` started in the constructor; waits for its
// "serving … on http://host:port" line. Stopped with SIGTERM (or SIGKILL by
// kill_hard) in the destructor.
class ServerProcess {
 public:
  explicit ServerProcess(const std::vector<std::string>& extra_args);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  // "Bearer …" of an admin token made for this server's database; requests
  // to the server carry it unless they say otherwise (http_client.h).
  const std::string& admin_authorization() const { return admin_authorization_; }
  // SIGTERM and wait; returns the exit status.
  int stop();
  void kill_hard();

 private:
  int pid_ = -1;
  int port_ = 0;
  std::string admin_authorization_;
};

}  // namespace alley::testing
