#include "support/server_process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <stdexcept>

#include "support/http_client.h"
#include "support/test_database.h"

namespace alley::testing {
namespace fs = std::filesystem;

fs::path alley_binary() {
  const char* other = std::getenv("ALLEY_TEST_BINARY");
  return other && *other ? fs::path(other) : fs::path(ALLEY_BINARY);
}

std::map<std::string, std::string> add_users_by_role(const std::string& db,
                                                     const std::vector<std::vector<std::string>>& users) {
  std::map<std::string, std::string> authorization;
  for (const auto& user : users) {
    std::vector<std::string> add = {"user", "add"};
    add.insert(add.end(), user.begin(), user.end());
    add.insert(add.end(), {"--db", db});
    CommandResult added = run_alley(add);
    if (added.exit_code != 0) {
      ADD_FAILURE() << "alley user add " << user[0] << ": " << added.err;
      continue;
    }
    CommandResult token = run_alley({"token", "create", user[0], "--db", db});
    if (token.exit_code != 0) {
      ADD_FAILURE() << "alley token create " << user[0] << ": " << token.err;
      continue;
    }
    authorization[user[2]] = "Bearer " + token.out.substr(0, token.out.find('\n'));
  }
  return authorization;
}

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() / ("alley-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  fs::create_directories(path_);
}

std::string TempDir::db_url(const std::string& name) {
  auto found = databases_.find(name);
  if (found == databases_.end()) found = databases_.emplace(name, create_test_database(path_, name)).first;
  return found->second;
}

TempDir::~TempDir() {
  for (const auto& [name, url] : databases_) drop_test_database(url);
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

namespace {

std::vector<char*> argv_for(const std::vector<std::string>& args) {
  static std::string binary;
  binary = alley_binary().string();
  std::vector<char*> argv;
  argv.push_back(binary.data());
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  return argv;
}

std::string drain(int fd) {
  std::string text;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, std::size_t(n));
  return text;
}

}  // namespace

CommandResult run_alley(const std::vector<std::string>& args) {
  int out_pipe[2], err_pipe[2];
  if (::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
  std::vector<char*> argv = argv_for(args);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  CommandResult result;
  // Outputs are small; read stderr after stdout closes.
  result.out = drain(out_pipe[0]);
  result.err = drain(err_pipe[0]);
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

namespace {

// An admin API token for the database among `args` (after --db).
std::string admin_token_for(const std::vector<std::string>& args) {
  std::vector<std::string> database;
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--db") database = {"--db", args[i + 1]};
  }
  std::vector<std::string> add = {"user", "add", "test-admin", "--role", "admin"};
  add.insert(add.end(), database.begin(), database.end());
  run_alley(add);  // fails harmlessly when the user exists already
  std::vector<std::string> create = {"token", "create", "test-admin", "--name", "integration tests"};
  create.insert(create.end(), database.begin(), database.end());
  CommandResult token = run_alley(create);
  if (token.exit_code != 0) throw std::runtime_error("cannot make a test token: " + token.err);
  return token.out.substr(0, token.out.find('\n'));
}

}  // namespace

ServerProcess::ServerProcess(const std::vector<std::string>& extra_args) {
  admin_authorization_ = "Bearer " + admin_token_for(extra_args);
  std::vector<std::string> args = {"serve", "--port", "0", "--host", "127.0.0.1"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  int out_pipe[2];
  if (::pipe(out_pipe) != 0) throw std::runtime_error("pipe failed");
  std::vector<char*> argv = argv_for(args);
  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out_pipe[1], 1);
    ::close(out_pipe[0]);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  std::string banner;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (banner.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd poller{out_pipe[0], POLLIN, 0};
    if (::poll(&poller, 1, 200) <= 0) continue;
    char buffer[256];
    const ssize_t n = ::read(out_pipe[0], buffer, sizeof buffer);
    if (n <= 0) break;
    banner.append(buffer, std::size_t(n));
  }
  ::close(out_pipe[0]);
  const std::size_t colon = banner.rfind(':');
  if (banner.find("http://") == std::string::npos || colon == std::string::npos) {
    kill_hard();
    throw std::runtime_error("alley serve did not start: '" + banner + "'");
  }
  port_ = std::stoi(banner.substr(colon + 1));
  set_default_authorization(port_, admin_authorization_);
}

int ServerProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void ServerProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

ServerProcess::~ServerProcess() { stop(); }

}  // namespace alley::testing
