// Runs the hostile-input corpus (tests/hostile/*.test, format in its
// README.md) against the real server: each case is a request as some role,
// the statuses it may get, and — unless it says the write may land — proof
// that the database is the same afterwards, table by table. After every case
// the server must still answer.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "store/database.h"
#include "store/database_copy.h"
#include "support/api_test.h"
#include "support/test_catalog.h"

namespace alley::testing {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string title;
  int line = 0;
  std::string as = "admin";
  std::string method;
  std::string target;
  Headers headers;
  std::optional<std::string> body;
  std::optional<std::string> raw;
  std::vector<int> expect;
  std::vector<std::string> contains;
  std::vector<std::string> lacks;
  bool changes = false;
};

// {{repeat N text}} is text N times, {{xHH}} the byte 0xHH, {{crlf}} CR LF:
// what a case cannot spell on one line of text.
std::string expand(const std::string& text) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const std::size_t open = text.find("{{", at);
    if (open == std::string::npos) break;
    const std::size_t close = text.find("}}", open);
    if (close == std::string::npos) break;
    out += text.substr(at, open - at);
    const std::string macro = text.substr(open + 2, close - open - 2);
    if (macro == "crlf") {
      out += "\r\n";
    } else if (macro.size() == 3 && macro[0] == 'x') {
      out += char(std::stoi(macro.substr(1), nullptr, 16));
    } else if (macro.starts_with("repeat ")) {
      std::istringstream words(macro.substr(7));
      std::size_t count = 0;
      words >> count;
      std::string unit;
      std::getline(words, unit);
      unit.erase(0, 1);
      for (std::size_t i = 0; i < count; ++i) out += unit;
    } else {
      ADD_FAILURE() << "unknown macro {{" << macro << "}}";
    }
    at = close + 2;
  }
  return out + text.substr(at);
}

std::vector<Case> read_cases(const fs::path& file) {
  std::ifstream in(file);
  std::vector<Case> cases;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) {
      ADD_FAILURE() << file << ":" << number << ": not 'key: value': " << line;
      continue;
    }
    const std::string key = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.erase(0, 1);
    if (key == "case") {
      Case started;
      started.title = value;
      started.line = number;
      cases.push_back(std::move(started));
      continue;
    }
    if (cases.empty()) {
      ADD_FAILURE() << file << ":" << number << ": a case starts with 'case:'";
      continue;
    }
    Case& current = cases.back();
    if (key == "as") {
      current.as = value;
    } else if (key == "request") {
      const std::size_t space = value.find(' ');
      current.method = value.substr(0, space);
      current.target = expand(value.substr(space + 1));
    } else if (key == "header") {
      const std::size_t separator = value.find(": ");
      current.headers.emplace_back(value.substr(0, separator), expand(value.substr(separator + 2)));
    } else if (key == "body") {
      current.body = expand(value);
    } else if (key == "raw") {
      current.raw = expand(value);
    } else if (key == "expect") {
      std::istringstream statuses(value);
      for (int status = 0; statuses >> status;) current.expect.push_back(status);
    } else if (key == "contains") {
      current.contains.push_back(value);
    } else if (key == "lacks") {
      current.lacks.push_back(value);
    } else if (key == "changes") {
      current.changes = value == "yes";
    } else {
      ADD_FAILURE() << file << ":" << number << ": unknown key '" << key << "'";
    }
  }
  return cases;
}

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(ALLEY_SOURCE_DIR) / "tests" / "hostile")) {
    if (entry.path().extension() == ".test") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Every table, row by row: what "nothing changed" means.
std::map<std::string, std::uint64_t> fingerprint(store::Database& database) {
  std::map<std::string, std::uint64_t> sums;
  Result<store::Database::Lease> lease = database.acquire();
  if (!lease) {
    ADD_FAILURE() << lease.error().message;
    return sums;
  }
  for (const store::TableSpec& table : testing::test_catalog().copied_tables()) {
    std::int64_t rows = 0;
    Result<std::uint64_t> sum = store::table_checksum(*lease.value(), table, rows);
    if (!sum) {
      ADD_FAILURE() << table.name << ": " << sum.error().message;
      continue;
    }
    sums[table.name] = sum.value() ^ std::uint64_t(rows);
  }
  return sums;
}

class HostileCorpus : public ::testing::TestWithParam<fs::path> {
 protected:
  void SetUp() override {
    db_ = dir_.db_url();
    ASSERT_EQ(run_alley({"init", "--db", db_, "--demo"}).exit_code, 0);
    const std::vector<std::vector<std::string>> users = {
        {"h-enterprise", "--role", "enterprise", "--org", "demo-org-0001"},
        {"h-subdistrict", "--role", "subdistrict", "--subdistrict", "huayanglu-subdistrict"},
        {"h-department", "--role", "department", "--department", "science-tech-commission"}};
    authorization_ = add_users_by_role(db_, users);
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--db", db_});
    authorization_["admin"] = server_->admin_authorization();
    Result<std::shared_ptr<store::Database>> opened = store::Database::open(db_, 1);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    database_ = opened.value();
  }

  Response send(const Case& test) {
    if (test.raw) {
      bool closed = false;
      return parse_response(raw_exchange(server_->port(), *test.raw, std::chrono::seconds(20), closed));
    }
    Headers headers = test.headers;
    if (test.as == "public") {
      headers.push_back(kAnonymousMarker);
    } else if (authorization_.count(test.as)) {
      headers.emplace_back("Authorization", authorization_[test.as]);
    } else {
      ADD_FAILURE() << "unknown role '" << test.as << "'";
    }
    return request(server_->port(), test.method, test.target, test.body.value_or(""), headers);
  }

  TempDir dir_;
  std::string db_;
  std::unique_ptr<ServerProcess> server_;
  std::shared_ptr<store::Database> database_;
  std::map<std::string, std::string> authorization_;
};

TEST_P(HostileCorpus, EveryCaseIsAnsweredAsWrittenAndChangesNothingElse) {
  const std::vector<Case> cases = read_cases(GetParam());
  ASSERT_FALSE(cases.empty()) << GetParam() << " has no cases";
  for (const Case& test : cases) {
    SCOPED_TRACE(GetParam().filename().string() + ":" + std::to_string(test.line) + " " + test.title);
    ASSERT_FALSE(test.expect.empty()) << "a case says what it expects";
    const auto before = fingerprint(*database_);
    const Response response = send(test);
    EXPECT_NE(std::find(test.expect.begin(), test.expect.end(), response.status), test.expect.end())
        << "got " << response.status << ": " << response.body.substr(0, 400);
    for (const std::string& text : test.contains) {
      EXPECT_NE(response.body.find(text), std::string::npos)
          << "no '" << text << "' in " << response.body.substr(0, 400);
    }
    for (const std::string& text : test.lacks) {
      EXPECT_EQ(response.body.find(text), std::string::npos) << "'" << text << "' in " << response.body.substr(0, 400);
    }
    if (!test.changes) {
      EXPECT_EQ(fingerprint(*database_), before) << "the database changed";
    }
    ASSERT_EQ(request(server_->port(), "GET", "/healthz").status, 200) << "the server stopped answering";
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, HostileCorpus, ::testing::ValuesIn(corpus_files()),
                         [](const ::testing::TestParamInfo<fs::path>& info) { return info.param.stem().string(); });

}  // namespace
}  // namespace alley::testing
