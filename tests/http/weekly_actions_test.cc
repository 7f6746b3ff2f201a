// The actions staff take every week, over HTTP against the real server: a
// task's progress reported with its evidence and a file attached to it; files
// told by their bytes and refused when they are not what Alley keeps; a
// pipeline step whose reminder reaches its owner on the day.

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/district_time.h"
#include "support/api_test.h"

namespace alley::testing {
namespace {

constexpr const char* kTask = "p2325-sub-02";  // led by the science and technology commission
const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

class WeeklyActions : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_alley({"init", "--db", dir_.db_url()}).exit_code, 0);
    const auto tokens = add_users_by_role(
        dir_.db_url(), {{"qst-user", "--role", "enterprise", "--org", "qst"},
                        {"commission", "--role", "department", "--department", "science-tech-commission"},
                        {"commerce", "--role", "subdistrict", "--department", "huayanglu-subdistrict"}});
    firm_ = {{"Authorization", tokens.at("enterprise")}};
    commission_ = {{"Authorization", tokens.at("department")}};
    co_lead_ = {{"Authorization", tokens.at("subdistrict")}};
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", dir_.db_url(), "--background-interval-ms", "100"});
  }

  int port() const { return server_->port(); }

  Response upload(const std::string& task, const std::string& name, const std::string& bytes, const Headers& who,
                  const std::string& lang = "") {
    std::string target = "/api/v1/tasks/" + task + "/attachments?file_name=" + name;
    if (!lang.empty()) target += "&lang=" + lang;
    Headers headers = who;
    headers.push_back({"Content-Type", "application/octet-stream"});
    return request(port(), "POST", target, bytes, headers);
  }

  Response report(const std::string& task, const Json& body, const Headers& who) {
    Headers headers = who;
    headers.push_back({"If-Match", request(port(), "GET", "/api/v1/tasks/" + task).header("etag")});
    return request(port(), "POST", "/api/v1/tasks/" + task + "/progress", body.dump(), headers);
  }

  Json task(const std::string& id = kTask) { return json_of(request(port(), "GET", "/api/v1/tasks/" + id)); }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  Headers firm_, commission_, co_lead_;
};

TEST_F(WeeklyActions, ALeadDepartmentReportsATaskDoneWithEvidenceAndAFile) {
  Response uploaded = upload(kTask, "%E9%AA%8C%E6%94%B6%E6%8A%A5%E5%91%8A.pdf", kPdf, commission_);  // 验收报告.pdf
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const Json file = json_of(uploaded);
  EXPECT_EQ(file["file_name"], "验收报告.pdf");
  EXPECT_EQ(file["content_type"], "application/pdf");
  EXPECT_EQ(file["size_bytes"], kPdf.size());
  EXPECT_EQ(file["sha256"].get<std::string>().size(), 64u);

  Response reported = report(kTask,
                             {{"status", "done"},
                              {"note", "新微智谷等存量载体已盘活，见验收报告"},
                              {"evidence_links", {"https://www.shcn.gov.cn/art/2025/1/1/art_1.html"}},
                              {"attachment_ids", {file["id"]}}},
                             commission_);
  ASSERT_EQ(reported.status, 200) << reported.body;
  const Json answer = json_of(reported);
  EXPECT_EQ(answer["status"], "done");
  EXPECT_EQ(answer["evidence"], "新微智谷等存量载体已盘活，见验收报告");
  EXPECT_EQ(answer["evidence_links"], Json::array({"https://www.shcn.gov.cn/art/2025/1/1/art_1.html"}));
  const Json& step = answer["progress_history"].back();
  EXPECT_EQ(step["to_status"], "done");
  EXPECT_EQ(step["actor"], "commission");
  ASSERT_EQ(step["attachments"].size(), 1u);
  EXPECT_EQ(step["attachments"][0]["file_name"], "验收报告.pdf");
  EXPECT_EQ(task()["progress_history"], answer["progress_history"]) << "the history is the record's";

  Response downloaded = request(port(), "GET", "/api/v1/attachments/" + file["id"].get<std::string>(), "", commission_);
  ASSERT_EQ(downloaded.status, 200);
  EXPECT_EQ(downloaded.body, kPdf);
  EXPECT_EQ(downloaded.header("content-type"), "application/pdf");
  EXPECT_NE(downloaded.header("content-disposition").find("filename*=UTF-8''%E9%AA%8C"), std::string::npos);
  EXPECT_EQ(downloaded.header("x-content-type-options"), "nosniff");

  // A progress report without a move, and the status is no longer PATCHed.
  Response again = report(kTask, {{"status", "done"}, {"note", "补充材料"}}, commission_);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(json_of(again)["progress_history"].size(), 3u) << "registered, done, the follow-up";
  Headers patching = commission_;
  patching.push_back({"If-Match", request(port(), "GET", std::string("/api/v1/tasks/") + kTask).header("etag")});
  Response patched =
      request(port(), "PATCH", std::string("/api/v1/tasks/") + kTask, Json{{"status", "in_progress"}}.dump(), patching);
  EXPECT_EQ(patched.status, 422) << patched.body;
  EXPECT_NE(patched.body.find("progress"), std::string::npos) << "says how it is done";

  const Json audit = json_of(request(port(), "GET", std::string("/api/v1/audit?resource=tasks&record_id=") + kTask));
  bool attached = false;
  for (const Json& entry : audit["items"]) attached = attached || entry["action"] == "attach";
  EXPECT_TRUE(attached) << audit.dump();
}

TEST_F(WeeklyActions, OnlyTheLeadsReportAndOnlyStaffReadTheFiles) {
  const Json file = json_of(upload(kTask, "a.pdf", kPdf, commission_));
  const std::string download = "/api/v1/attachments/" + file["id"].get<std::string>();
  const std::int64_t version = task()["version"];
  EXPECT_EQ(upload(kTask, "b.pdf", kPdf, co_lead_).status, 403) << "a co-lead does not change the task";
  EXPECT_EQ(report(kTask, {{"status", "in_progress"}}, co_lead_).status, 403);
  EXPECT_EQ(request(port(), "GET", download, "", co_lead_).status, 200) << "staff read";
  EXPECT_EQ(request(port(), "GET", download, "", firm_).status, 403);
  EXPECT_EQ(request(port(), "GET", download, "", {kAnonymousMarker}).status, 401);
  EXPECT_EQ(request(port(), "DELETE", download, "", co_lead_).status, 403);
  EXPECT_EQ(task()["version"], version) << "nothing changed";
  EXPECT_EQ(request(port(), "DELETE", download, "", commission_).status, 204);
  EXPECT_EQ(request(port(), "GET", download, "", commission_).status, 410);
  EXPECT_EQ(json_of(request(port(), "GET", std::string("/api/v1/tasks/") + kTask + "/attachments"))["items"].size(),
            0u);
}

TEST_F(WeeklyActions, FilesAreToldByTheirBytesAndRefusedClearly) {
  EXPECT_EQ(upload(kTask, "page.html", "<html><script>alert(1)</script></html>", commission_).status, 415);
  EXPECT_EQ(upload(kTask, "fake.pdf", "plain words", commission_).status, 415);
  EXPECT_EQ(upload(kTask, "empty.txt", "", commission_).status, 422);
  EXPECT_EQ(upload(kTask, "", kPdf, commission_).status, 422);
  Response large = upload(kTask, "big.pdf", "%PDF-" + std::string(9u << 20, 'x'), commission_);
  EXPECT_EQ(large.status, 413);
  EXPECT_NE(large.body.find("8192 KiB"), std::string::npos) << large.body;
  Response json_sized = upload(kTask, "two-mib.pdf", "%PDF-" + std::string(2u << 20, 'x'), commission_);
  EXPECT_EQ(json_sized.status, 201) << "a file may be larger than a JSON body";
  // A Traditional reader's file is stored as sent, not converted.
  const std::string text = "會議紀要：臺北";
  Response traditional = upload(kTask, "minutes.txt", text, commission_, "zh-Hant");
  ASSERT_EQ(traditional.status, 201) << traditional.body;
  EXPECT_EQ(request(port(), "GET", "/api/v1/attachments/" + json_of(traditional)["id"].get<std::string>()).body, text);

  // A report may cite only the task's own files.
  const Json elsewhere = json_of(upload("p2325-sub-01", "other.pdf", kPdf, {}));
  const std::int64_t version = task()["version"];
  Response cited = report(kTask, {{"status", "done"}, {"attachment_ids", {elsewhere["id"]}}}, commission_);
  EXPECT_EQ(cited.status, 422) << cited.body;
  EXPECT_NE(cited.body.find("attachment_ids"), std::string::npos);
  Response link = report(kTask, {{"status", "done"}, {"evidence_links", {"javascript:alert(1)"}}}, commission_);
  EXPECT_EQ(link.status, 422);
  EXPECT_EQ(task()["version"], version) << "nothing changed";
}

TEST_F(WeeklyActions, APipelineReminderDatedTodayReachesItsOwner) {
  const Json mine = json_of(request(port(), "GET", "/api/v1/colleagues", "", commission_));
  ASSERT_EQ(mine["items"].size(), 1u) << "a department sees its own staff: " << mine.dump();
  const std::string owner = mine["items"][0]["id"];
  EXPECT_EQ(request(port(), "GET", "/api/v1/colleagues", "", firm_).status, 403);

  Response created = post_json(port(), "/api/v1/organizations",
                               {{"name", "目标芯片"},
                                {"kind", "enterprise"},
                                {"source", "招商线索"},
                                {"pipeline_status", "target"},
                                {"responsible_department_id", "science-tech-commission"}},
                               commission_);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = json_of(created)["id"];
  const std::string today = district_date(std::chrono::system_clock::now());
  Headers step = commission_;
  step.push_back({"If-Match", created.header("etag")});
  Response moved = request(port(), "POST", "/api/v1/organizations/" + id + "/pipeline",
                           Json{{"status", "negotiating"},
                                {"note", "首次洽谈"},
                                {"next_step", "提交选址方案"},
                                {"owner_id", owner},
                                {"remind_on", today}}
                               .dump(),
                           step);
  ASSERT_EQ(moved.status, 200) << moved.body;
  const Json history = json_of(moved)["pipeline_history"];
  const Json& last = history.back();
  EXPECT_EQ(last["next_step"], "提交选址方案");
  EXPECT_EQ(last["owner_username"], "commission");

  Json reminder;
  for (int tries = 0; tries < 100 && reminder.is_null(); ++tries) {
    const Json mine_now = json_of(request(port(), "GET", "/api/v1/notifications", "", commission_));
    for (const Json& item : mine_now["items"]) {
      if (item["kind"] == "pipeline_reminder") reminder = item;
    }
    if (reminder.is_null()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(reminder.is_null()) << "no reminder within 10 s; scheduled: "
                                   << request(port(), "GET", "/api/v1/scheduled-jobs").body;
  EXPECT_EQ(reminder["subject_resource"], "organizations");
  EXPECT_EQ(reminder["subject_id"], id);
  EXPECT_EQ(reminder["subject_name"], "目标芯片");
  EXPECT_EQ(reminder["recipient_name"], "commission");
  EXPECT_EQ(reminder["message"], "跟进提醒：「目标芯片」——提交选址方案");
  const Json theirs = json_of(request(port(), "GET", "/api/v1/notifications", "", co_lead_));
  for (const Json& item : theirs["items"]) {
    EXPECT_NE(item["kind"], "pipeline_reminder") << "another user's reminder is not theirs";
  }
  const Json jobs = json_of(request(port(), "GET", "/api/v1/scheduled-jobs"));
  EXPECT_EQ(jobs["total"], 0) << "done: " << jobs.dump();
}

}  // namespace
}  // namespace alley::testing
