// Walks docs/SECURITY.md's permission matrix against the running server: every
// cell of every row, for every role, and a row for every documented endpoint.

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "support/api_test.h"

namespace alley::testing {
namespace {

const std::vector<std::string> kRoles = {"public", "enterprise", "subdistrict", "department", "admin"};

struct Row {
  std::string method;
  std::string path;
  std::vector<std::string> cells;  // ✓, ✗ or own, per role
};

std::vector<Row> matrix() {
  std::ifstream file(std::string(ALLEY_SOURCE_DIR) + "/docs/SECURITY.md");
  std::stringstream text;
  text << file.rdbuf();
  std::vector<Row> rows;
  const std::regex row_pattern(R"(^\| (GET|POST|PATCH|DELETE) \| `([^`]+)` \| (.+) \|$)");
  std::string line;
  while (std::getline(text, line)) {
    std::smatch match;
    if (!std::regex_match(line, match, row_pattern)) continue;
    Row row{match[1], match[2], {}};
    std::stringstream cells(match[3].str());
    std::string cell;
    while (std::getline(cells, cell, '|')) {
      cell.erase(0, cell.find_first_not_of(' '));
      cell.erase(cell.find_last_not_of(' ') + 1);
      row.cells.push_back(cell);
    }
    rows.push_back(row);
  }
  return rows;
}

// A refusal by the access rules, as opposed to any other answer (a 401 from a
// wrong password at sign-in, a 422 for the empty probe body …).
bool refused(const Response& response) {
  return (response.status == 401 && response.body.find("sign in first") != std::string::npos) ||
         (response.status == 403 && (response.body.find("may not do this") != std::string::npos ||
                                     response.body.find("only your own") != std::string::npos ||
                                     response.body.find("responsible department") != std::string::npos ||
                                     response.body.find("another department") != std::string::npos ||
                                     response.body.find("lead department") != std::string::npos));
}

class PermissionMatrix : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string db = dir_->db_url();
    ASSERT_EQ(run_alley({"init", "--db", db, "--demo"}).exit_code, 0);
    const std::vector<std::vector<std::string>> users = {
        {"m-enterprise", "--role", "enterprise", "--org", "demo-org-0001"},
        {"m-subdistrict", "--role", "subdistrict", "--subdistrict", "huayanglu-subdistrict"},
        {"m-department", "--role", "department", "--department", "science-tech-commission"},
        {"m-admin", "--role", "admin"}};
    *tokens_ = add_users_by_role(db, users);
    server_ = new ServerProcess({"--db", db});
    // Records the sub-district answers for, beside the 科委's from the pack and the demo.
    const int port = server_->port();
    ASSERT_EQ(post_json(port, "/api/v1/organizations",
                        {{"id", "m-hy-org"},
                         {"name", "华阳企业"},
                         {"source", "t"},
                         {"kind", "enterprise"},
                         {"responsible_department_id", "huayanglu-subdistrict"}})
                  .status,
              201);
    ASSERT_EQ(post_json(port, "/api/v1/places",
                        {{"id", "m-hy-place"},
                         {"name", "华阳楼"},
                         {"source", "t"},
                         {"type", "building"},
                         {"responsible_department_id", "huayanglu-subdistrict"}})
                  .status,
              201);
    ASSERT_EQ(post_json(port, "/api/v1/spaces",
                        {{"id", "m-hy-space"},
                         {"name", "101"},
                         {"source", "t"},
                         {"place_id", "m-hy-place"},
                         {"area_m2", 50},
                         {"status", "available"}})
                  .status,
              201);
    ASSERT_EQ(post_json(port, "/api/v1/spaces",
                        {{"id", "m-kw-space"},
                         {"name", "201"},
                         {"source", "t"},
                         {"place_id", "xinwei-zhigu"},
                         {"area_m2", 50},
                         {"status", "available"}})
                  .status,
              201);
    // An event series and an event each of the two departments organises.
    for (const auto& [id, department] :
         {std::pair{"kw", "science-tech-commission"}, std::pair{"hy", "huayanglu-subdistrict"}}) {
      ASSERT_EQ(post_json(port, "/api/v1/event_series",
                          {{"id", std::string("m-") + id + "-series"},
                           {"name", "系列"},
                           {"source", "t"},
                           {"kind", "salon"},
                           {"cadence", "irregular"},
                           {"organiser_ids", {department}}})
                    .status,
                201);
      ASSERT_EQ(post_json(port, "/api/v1/events",
                          {{"id", std::string("m-") + id + "-event"},
                           {"name", "活动"},
                           {"source", "t"},
                           {"kind", "salon"},
                           {"year", 2026},
                           {"organiser_ids", {department}}})
                    .status,
                201);
    }
    // A plan with a task and a KPI (and a figure) for each of the two departments.
    ASSERT_EQ(post_json(port, "/api/v1/plans", {{"id", "m-plan"}, {"name", "测试方案"}, {"source", "t"}}).status, 201);
    for (const auto& [id, department] :
         {std::pair{"kw", "science-tech-commission"}, std::pair{"hy", "huayanglu-subdistrict"}}) {
      ASSERT_EQ(post_json(port, "/api/v1/tasks",
                          {{"id", std::string("m-") + id + "-task"},
                           {"name", "任务"},
                           {"source", "t"},
                           {"plan_id", "m-plan"},
                           {"kind", "project"},
                           {"lead_department_ids", {department}}})
                    .status,
                201);
      ASSERT_EQ(post_json(port, "/api/v1/kpis",
                          {{"id", std::string("m-") + id + "-kpi"},
                           {"name", "指标"},
                           {"source", "t"},
                           {"plan_id", "m-plan"},
                           {"target_kind", "at_least"},
                           {"target_min", 5},
                           {"due_on", "2025-12-31"},
                           {"measure", "manual"},
                           {"lead_department_ids", {department}}})
                    .status,
                201);
      ASSERT_EQ(post_json(port, "/api/v1/kpi_entries",
                          {{"id", std::string("m-") + id + "-entry"},
                           {"name", "进展"},
                           {"source", "t"},
                           {"kpi_id", std::string("m-") + id + "-kpi"},
                           {"value", 1},
                           {"as_of", "2024-12-31"}})
                    .status,
                201);
    }
  }

  // For a "dept" cell: a record of the role's department, and one of another.
  static std::pair<std::string, std::string> mine_and_others(const std::string& role, const std::string& path) {
    const bool subdistrict = role == "subdistrict";
    if (path.find("/organizations") != std::string::npos) {
      return subdistrict ? std::pair{"m-hy-org", "demo-org-0002"} : std::pair{"demo-org-0002", "m-hy-org"};
    }
    if (path.find("/spaces") != std::string::npos) {
      return subdistrict ? std::pair{"m-hy-space", "m-kw-space"} : std::pair{"m-kw-space", "m-hy-space"};
    }
    if (path.find("/tasks") != std::string::npos) {
      return subdistrict ? std::pair{"m-hy-task", "m-kw-task"} : std::pair{"m-kw-task", "m-hy-task"};
    }
    if (path.find("/kpi_entries") != std::string::npos) {
      return subdistrict ? std::pair{"m-hy-entry", "m-kw-entry"} : std::pair{"m-kw-entry", "m-hy-entry"};
    }
    if (path.find("/event_series") != std::string::npos) {
      return subdistrict ? std::pair{"m-hy-series", "m-kw-series"} : std::pair{"m-kw-series", "m-hy-series"};
    }
    if (path.find("/events") != std::string::npos) {
      return subdistrict ? std::pair{"m-hy-event", "m-kw-event"} : std::pair{"m-kw-event", "m-hy-event"};
    }
    return subdistrict ? std::pair{"m-hy-place", "xinwei-zhigu"} : std::pair{"xinwei-zhigu", "m-hy-place"};
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }

  static Headers as(const std::string& role) {
    if (role == "public") return {kAnonymousMarker};
    return {{"Authorization", tokens_->at(role)}};
  }

  static TempDir* dir_;
  static ServerProcess* server_;
  static std::map<std::string, std::string>* tokens_;
};

TempDir* PermissionMatrix::dir_ = nullptr;
ServerProcess* PermissionMatrix::server_ = nullptr;
std::map<std::string, std::string>* PermissionMatrix::tokens_ = new std::map<std::string, std::string>();

TEST_F(PermissionMatrix, EveryDocumentedEndpointHasARow) {
  const Json document = json_of(request(server_->port(), "GET", "/api/v1/openapi.json"));
  const auto rows = matrix();
  ASSERT_GT(rows.size(), 40u);
  for (const auto& [path, methods] : document["paths"].items()) {
    for (const auto& [method, operation] : methods.items()) {
      std::string upper = method;
      for (char& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
      const bool found = std::any_of(rows.begin(), rows.end(),
                                     [&](const Row& row) { return row.method == upper && row.path == path; });
      EXPECT_TRUE(found) << upper << " " << path << " has no row in docs/SECURITY.md";
    }
  }
}

TEST_F(PermissionMatrix, TheServerKeepsEveryCell) {
  std::size_t probes = 0;
  for (const Row& row : matrix()) {
    ASSERT_EQ(row.cells.size(), kRoles.size()) << row.path;
    for (std::size_t r = 0; r < kRoles.size(); ++r) {
      const std::string& role = kRoles[r];
      const std::string& cell = row.cells[r];
      // "own" is probed twice: the enterprise's organization, and another one.
      std::vector<std::pair<std::string, bool>> targets;
      const bool creates = row.method == "POST" && row.path.find("{id}") == std::string::npos;
      if (cell == "own") {
        targets = {{"demo-org-0001", true}, {"demo-org-0002", false}};
      } else if (cell == "dept" && !creates) {
        const auto [mine, others] = mine_and_others(role, row.path);
        targets = {{mine, true}, {others, false}};
      } else if (cell == "dept") {
        targets = {{"", true}, {"", false}};  // the body decides: see below
      } else {
        targets = {{row.path.find("/organizations") != std::string::npos ? "demo-org-0002"
                    : row.path.find("/tokens") != std::string::npos      ? "no-such-token"
                    : row.path.find("/users") != std::string::npos       ? "no-such-user"
                                                                         : "xinwei-zhigu",
                    cell == "✓"}};
      }
      for (const auto& [id, allowed] : targets) {
        const std::string target = std::regex_replace(row.path, std::regex("\\{id\\}"), id);
        const bool write = row.method != "GET";
        Headers headers = as(role);
        if (write) headers.push_back({"If-Match", "\"999\""});
        // An empty body: refused by the rules before it could be refused as invalid.
        std::string body = write ? "{}" : "";
        if (cell == "dept" && creates && !allowed) {
          // Creating a record for another department, or a space in its place.
          const std::string other_department =
              role == "subdistrict" ? "science-tech-commission" : "huayanglu-subdistrict";
          const std::string other_prefix = role == "subdistrict" ? "m-kw" : "m-hy";
          if (row.path.find("/spaces") != std::string::npos) {
            body = Json{{"place_id", mine_and_others(role, "/places").second}}.dump();
          } else if (row.path.find("/tasks") != std::string::npos) {
            body = Json{{"lead_department_ids", {other_department}}}.dump();
          } else if (row.path.find("/kpi_entries") != std::string::npos) {
            body = Json{{"kpi_id", other_prefix + "-kpi"}}.dump();
          } else if (row.path.find("/event") != std::string::npos) {
            body = Json{{"organiser_ids", {other_department}}}.dump();
          } else {
            body = Json{{"responsible_department_id", other_department}}.dump();
          }
        }
        Response response = request(server_->port(), row.method, target, body, headers);
        ++probes;
        EXPECT_LT(response.status, 500) << row.method << " " << target << " as " << role;
        EXPECT_EQ(refused(response), !allowed) << row.method << " " << target << " as " << role << " answered "
                                               << response.status << ": " << response.body;
        if (!allowed) {
          EXPECT_EQ(response.status, role == "public" ? 401 : 403) << row.method << " " << target;
        }
      }
    }
  }
  EXPECT_GT(probes, 250u);
}

TEST_F(PermissionMatrix, ThePublicSeesPublicFieldsOnly) {
  Json anonymous =
      json_of(request(server_->port(), "GET", "/api/v1/organizations/demo-org-0002", "", {kAnonymousMarker}));
  for (const char* hidden :
       {"employees", "revenue_10k_cny", "rd_ratio", "tier", "pipeline_status", "pipeline_history"}) {
    EXPECT_FALSE(anonymous.contains(hidden)) << hidden;
  }
  EXPECT_TRUE(anonymous.contains("sectors"));
  EXPECT_TRUE(anonymous.contains("version") && anonymous.contains("updated_at")) << "the server's own fields stay";
  Json own = json_of(request(server_->port(), "GET", "/api/v1/organizations/demo-org-0001", "", as("enterprise")));
  EXPECT_TRUE(own.contains("employees"));
  Json other = json_of(request(server_->port(), "GET", "/api/v1/organizations/demo-org-0002", "", as("enterprise")));
  EXPECT_FALSE(other.contains("employees"));
  Json staff = json_of(request(server_->port(), "GET", "/api/v1/organizations/demo-org-0002", "", as("department")));
  EXPECT_TRUE(staff.contains("revenue_10k_cny"));
  // Nor can a hidden field be probed by filtering or sorting on it.
  EXPECT_EQ(
      request(server_->port(), "GET", "/api/v1/organizations?pipeline_status=target", "", {kAnonymousMarker}).status,
      403);
  EXPECT_EQ(
      request(server_->port(), "GET", "/api/v1/organizations?sort=-revenue_10k_cny", "", {kAnonymousMarker}).status,
      403);
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/organizations?employees_min=100", "", {kAnonymousMarker}).status,
            403);
  EXPECT_EQ(
      request(server_->port(), "GET", "/api/v1/organizations?pipeline_status=target", "", as("department")).status,
      200);
}

}  // namespace
}  // namespace alley::testing
