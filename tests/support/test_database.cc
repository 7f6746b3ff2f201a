#include "support/test_database.h"

#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

#include "store/database.h"

namespace alley::testing {
namespace {

std::string server_url() {
  const char* file = std::getenv("ALLEY_TEST_POSTGRES_URL_FILE");
  if (!file || !*file) return {};
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  if (url.empty()) throw std::runtime_error(std::string("no PostgreSQL URL in ") + file);
  return url;
}

// The server URL with its database name replaced.
std::string with_database(const std::string& url, const std::string& name) {
  return url.substr(0, url.rfind('/') + 1) + name;
}

void run_on_server(const std::string& sql) {
  auto database = store::Database::open(server_url(), 1);
  if (!database) throw std::runtime_error(database.error().message);
  auto lease = database.value()->acquire();
  if (!lease) throw std::runtime_error(lease.error().message);
  if (Status done = (*lease.value()).execute_script(sql); !done) throw std::runtime_error(done.error().message);
}

}  // namespace

bool testing_postgres() { return !server_url().empty(); }

std::string create_test_database(const std::filesystem::path& folder, const std::string& label) {
  if (!testing_postgres()) return "sqlite:" + (folder / label).string();
  std::string name = "t";
  for (char c : label) name += std::isalnum(static_cast<unsigned char>(c)) ? char(std::tolower(c)) : '_';
  name += "_" + std::to_string(std::random_device{}());
  run_on_server("CREATE DATABASE " + name);
  return with_database(server_url(), name);
}

void drop_test_database(const std::string& url) {
  if (!url.starts_with("postgresql://")) return;
  run_on_server("DROP DATABASE IF EXISTS " + url.substr(url.rfind('/') + 1) + " WITH (FORCE)");
}

}  // namespace alley::testing
