// Demands over HTTP against the real server: an enterprise files for its own
// organization and follows its demand, which no other enterprise can see or
// reach, files included; the unit signs for it with If-Match; and a missed
// deadline is escalated exactly once while two servers on one database run
// the scheduler, their time moved through a clock file instead of waited for.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "support/api_test.h"
#include "support/office.h"

namespace alley::testing {
namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

class Demands : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_alley({"init", "--db", dir_.db_url()}).exit_code, 0);
    auto tokens = add_users_by_role(dir_.db_url(),
                                    {{"qst-user", "--role", "enterprise", "--org", "qst"},
                                     {"commission", "--role", "department", "--department", "science-tech-commission"},
                                     {"huayang", "--role", "subdistrict", "--department", "huayanglu-subdistrict"}});
    firm_ = {{"Authorization", tokens.at("enterprise")}};
    commission_ = {{"Authorization", tokens.at("department")}};
    huayang_ = {{"Authorization", tokens.at("subdistrict")}};
    rival_ = {{"Authorization",
               add_users_by_role(dir_.db_url(), {{"westwell-user", "--role", "enterprise", "--org", "westwell"}})
                   .at("enterprise")}};
    set_time("2025-09-26T02:00:00.000Z");  // Friday 10:00 in Shanghai
  }

  void set_time(const std::string& moment) { std::ofstream(dir_.path() / "clock") << moment << "\n"; }

  std::unique_ptr<ServerProcess> start_server() {
    return std::make_unique<ServerProcess>(std::vector<std::string>{
        "--db", dir_.db_url(), "--clock-file", (dir_.path() / "clock").string(), "--background-interval-ms", "100"});
  }

  Json file_demand(int port, const Json& body, const Headers& who) {
    Response filed = post_json(port, "/api/v1/demands", body, who);
    EXPECT_EQ(filed.status, 201) << filed.body;
    return json_of(filed);
  }

  Response act(int port, const std::string& id, const Json& body, const Headers& who, const std::string& etag) {
    Headers headers = who;
    headers.push_back({"If-Match", etag});
    return post_json(port, "/api/v1/demands/" + id + "/actions", body, headers);
  }

  TempDir dir_;
  Headers firm_, rival_, commission_, huayang_;
};

TEST_F(Demands, AnEnterpriseFilesAndFollowsItsOwnAndNoOtherEnterpriseReachesIt) {
  auto server = start_server();
  const int port = server->port();
  const Json filed = file_demand(
      port, {{"name", "申请科技履约贷"}, {"category_id", "cat-financing"}, {"description", "需要500万元流动资金贷款"}},
      firm_);
  const std::string id = filed["id"];
  EXPECT_EQ(filed["org_id"], "qst") << "filed for the user's own organization";
  EXPECT_EQ(filed["channel"], "online");
  EXPECT_EQ(filed["received_at"], "2025-09-26T02:00:00.000Z") << "received when filed, by the server's clock";
  EXPECT_EQ(filed["status"], "dispatched");
  EXPECT_EQ(filed["unit_id"], "science-tech-commission");
  EXPECT_FALSE(filed["source"].get<std::string>().empty());

  EXPECT_EQ(
      post_json(port, "/api/v1/demands", {{"name", "x"}, {"category_id", "cat-ip"}, {"org_id", "westwell"}}, firm_)
          .status,
      403)
      << "not for another organization";
  EXPECT_EQ(post_json(port, "/api/v1/demands", {{"name", "x"}, {"category_id", "cat-ip"}, {"channel", "visit"}}, firm_)
                .status,
            403)
      << "the channel is staff's to record";
  Response kept =
      post_json(port, "/api/v1/demands", {{"name", "x"}, {"category_id", "cat-ip"}, {"status", "closed"}}, firm_);
  EXPECT_EQ(kept.status, 422) << kept.body;
  EXPECT_NE(kept.body.find("kept by the server"), std::string::npos);
  EXPECT_EQ(post_json(port, "/api/v1/demands", {{"name", "x"}, {"category_id", "cat-ip"}}, {kAnonymousMarker}).status,
            401);

  // Its enterprise attaches a file and reads its own; the rival reaches none of it.
  Headers upload = firm_;
  upload.push_back({"Content-Type", "application/octet-stream"});
  Response attached = request(port, "POST", "/api/v1/demands/" + id + "/attachments?file_name=plan.pdf", kPdf, upload);
  ASSERT_EQ(attached.status, 201) << attached.body;
  const std::string file_id = json_of(attached)["id"];
  Response own_file = request(port, "GET", "/api/v1/attachments/" + file_id, "", firm_);
  EXPECT_EQ(own_file.status, 200);
  EXPECT_EQ(own_file.body, kPdf);
  EXPECT_EQ(own_file.header("x-content-type-options"), "nosniff");

  EXPECT_EQ(json_of(request(port, "GET", "/api/v1/demands", "", firm_))["total"], 1);
  EXPECT_EQ(json_of(request(port, "GET", "/api/v1/demands", "", rival_))["total"], 0);
  EXPECT_EQ(json_of(request(port, "GET", "/api/v1/demands?org_id=qst", "", rival_))["total"], 0);
  for (const std::string& path : {"", "/timeline", "/clock", "/attachments"}) {
    EXPECT_EQ(request(port, "GET", "/api/v1/demands/" + id + path, "", rival_).status, 404) << path;
  }
  EXPECT_EQ(request(port, "GET", "/api/v1/attachments/" + file_id, "", rival_).status, 404);
  EXPECT_EQ(act(port, id, {{"action", "withdraw"}}, rival_, "*").status, 404);
  EXPECT_EQ(patch_json(port, "/api/v1/demands/" + id, {{"name", "y"}}, "*").status, 200) << "staff may correct it";
  Headers rival_patch = rival_;
  rival_patch.push_back({"If-Match", "*"});
  EXPECT_EQ(request(port, "PATCH", "/api/v1/demands/" + id, Json{{"name", "z"}}.dump(), rival_patch).status, 404);

  // The unit holding it signs for it, on the version it read.
  EXPECT_EQ(act(port, id, {{"action", "accept"}}, commission_, "\"1\"").status, 412);
  EXPECT_EQ(act(port, id, {{"action", "accept"}}, huayang_, "*").status, 403) << "another unit's demand";
  const std::string etag = request(port, "GET", "/api/v1/demands/" + id, "", commission_).header("etag");
  Response accepted = act(port, id, {{"action", "accept"}}, commission_, etag);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(json_of(accepted)["status"], "accepted");

  const Json timeline = json_of(request(port, "GET", "/api/v1/demands/" + id + "/timeline", "", firm_));
  ASSERT_EQ(timeline["items"].size(), 3u);
  EXPECT_EQ(timeline["items"][2]["action"], "accept");
  EXPECT_EQ(timeline["open_actions"], Json::array({"withdraw"})) << "what the enterprise may do now";
  EXPECT_EQ(timeline["state_field"], "status");
  // Each action's form can be drawn from the catalogue: its inputs' kinds, choices and resources.
  std::map<std::string, Json> inputs;
  for (const Json& action : timeline["actions"]) {
    for (const Json& input : action["inputs"])
      inputs[action["name"].get<std::string>() + "." + input["name"].get<std::string>()] = input;
  }
  EXPECT_EQ(inputs["return.reason"]["kind"], "reason");
  EXPECT_EQ(inputs["return.reason"]["values"].size(), 4u);
  EXPECT_EQ(inputs["rate.rating"]["kind"], "rating");
  EXPECT_EQ(inputs["reassign.unit_id"]["kind"], "record");
  EXPECT_EQ(inputs["reassign.unit_id"]["resource"], "departments");
  EXPECT_EQ(inputs["resolve.comment"]["required"], true);
  // The states' words reach clients with the document, converted for readers of Traditional Chinese.
  const Json document = json_of(request(port, "GET", "/api/v1/openapi.json"));
  const Json& status = document["components"]["schemas"]["demand"]["properties"]["status"];
  EXPECT_EQ(status["x-enum-labels"]["pending_dispatch"], "待派单");
  EXPECT_EQ(status["x-enum-labels-en"]["rated"], "Rated");
  const Json traditional = json_of(request(port, "GET", "/api/v1/openapi.json?lang=zh-Hant"));
  EXPECT_EQ(traditional["components"]["schemas"]["demand"]["properties"]["status"]["x-enum-labels"]["pending_dispatch"],
            "待派單");
  // An inbox: the unit's demands in any of the states it holds them in, by due time, up to a moment.
  const Json held = json_of(request(port, "GET",
                                    "/api/v1/"
                                    "demands?unit_id=science-tech-commission&status=dispatched,accepted&due_at_max="
                                    "2026-01-01T00:00:00.000Z&sort=due_at",
                                    "", commission_));
  EXPECT_EQ(held["total"], 1);
  EXPECT_EQ(json_of(request(port, "GET", "/api/v1/demands?handler=commission", "", commission_))["total"], 1);
  EXPECT_EQ(json_of(request(port, "GET", "/api/v1/demands?handler=huayang", "", commission_))["total"], 0);
  EXPECT_EQ(
      json_of(request(port, "GET", "/api/v1/demands?status=dispatched,pending_dispatch", "", commission_))["total"], 0)
      << "accepted is neither";
  EXPECT_EQ(
      json_of(request(port, "GET", "/api/v1/demands?due_at_max=2025-01-01T00:00:00.000Z", "", commission_))["total"],
      0);
  const Json clock = json_of(request(port, "GET", "/api/v1/demands/" + id + "/clock", "", firm_));
  ASSERT_EQ(clock["clocks"].size(), 2u);
  EXPECT_EQ(clock["clocks"][0]["clock"], "accept");
  EXPECT_EQ(clock["clocks"][0]["status"], "stopped");
  EXPECT_EQ(clock["clocks"][1]["status"], "running");
  EXPECT_EQ(clock["clocks"][1]["warn_share"], 0.8) << "where its bar marks the warning";
  EXPECT_EQ(clock["clocks"][1]["breaches_at"], "2025-10-13T02:00:00.000Z") << "seven working days over National Day";
}

TEST_F(Demands, AMissedDeadlineIsEscalatedOnceWithTwoServersRunningTheScheduler) {
  auto first = start_server();
  auto second = start_server();
  const std::string id =
      file_demand(first->port(), {{"name", "知识产权质押咨询"}, {"category_id", "cat-financing"}}, firm_)["id"];
  // Past Sunday 10:00, when signing for it was due: both servers' passes see it.
  set_time("2025-09-29T03:00:00.000Z");
  Json demand;
  for (int tries = 0; tries < 200; ++tries) {
    demand = json_of(request(second->port(), "GET", "/api/v1/demands/" + id));
    if (demand.value("escalations", 0) > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(demand["escalations"], 1) << demand.dump();
  // Many more passes of both servers later, still once.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  demand = json_of(request(first->port(), "GET", "/api/v1/demands/" + id));
  EXPECT_EQ(demand["escalations"], 1);
  EXPECT_EQ(demand["unit_id"], "district-leaders");
  EXPECT_EQ(demand["overdue"], true);
  const Json timeline = json_of(request(first->port(), "GET", "/api/v1/demands/" + id + "/timeline"));
  int escalations = 0;
  for (const Json& event : timeline["items"]) escalations += event["action"] == "escalate" ? 1 : 0;
  EXPECT_EQ(escalations, 1);
}

TEST_F(Demands, TheListAndTheMonthlyReportOpenInLibreOffice) {
  auto server = start_server();
  const int port = server->port();
  file_demand(port, {{"name", "申请科技履约贷"}, {"category_id", "cat-financing"}, {"contact", "王先生 13800000000"}},
              firm_);
  EXPECT_EQ(request(port, "GET", "/api/v1/demands/export.xlsx", "", firm_).status, 403) << "staff only";
  EXPECT_EQ(request(port, "GET", "/api/v1/demand-stats?by=street", "", commission_).status, 400);
  EXPECT_EQ(request(port, "GET", "/api/v1/demand-stats?year=25", "", commission_).status, 400);
  const Json stats = json_of(request(port, "GET", "/api/v1/demand-stats?year=2025&by=category", "", commission_));
  ASSERT_EQ(stats["groups"].size(), 1u);
  EXPECT_EQ(stats["groups"][0]["name"], "融资支持");

  Response list = request(port, "GET", "/api/v1/demands/export.xlsx", "", commission_);
  ASSERT_EQ(list.status, 200) << list.body;
  std::ofstream(dir_.path() / "demands.xlsx", std::ios::binary) << list.body;
  std::string log = libreoffice_sheets_to_csv(dir_.path(), dir_.path() / "demands.xlsx");
  const std::string rows = read_whole_file(dir_.path() / "demands-企业诉求.csv");
  ASSERT_FALSE(rows.empty()) << log;
  for (const char* expected : {"申请科技履约贷", "融资支持", "线上", "已派单", "部门专业服务",
                               "上海市长宁区科学技术委员会", "2025-09-26 10:00"})
    EXPECT_NE(rows.find(expected), std::string::npos) << expected << " is not in the list";
  EXPECT_EQ(rows.find("13800000000"), std::string::npos) << "no contact details in the export";

  Response report = request(port, "GET", "/api/v1/demand-stats/report.xlsx?year=2025", "", commission_);
  ASSERT_EQ(report.status, 200) << report.body;
  std::ofstream(dir_.path() / "report.xlsx", std::ios::binary) << report.body;
  log = libreoffice_sheets_to_csv(dir_.path(), dir_.path() / "report.xlsx");
  const std::string by_unit = read_whole_file(dir_.path() / "report-按承办单位.csv");
  ASSERT_FALSE(by_unit.empty()) << log;
  for (const char* expected : {"上海市长宁区科学技术委员会", "2025-09", "全年", "暂无数据", "响应率"})
    EXPECT_NE(by_unit.find(expected), std::string::npos) << expected << " is not in the report";
  EXPECT_FALSE(read_whole_file(dir_.path() / "report-全街区.csv").empty());
  EXPECT_NE(read_whole_file(dir_.path() / "report-按类别.csv").find("融资支持"), std::string::npos);
}

}  // namespace
}  // namespace alley::testing
