// The workflow machinery on a small case resource of the test's own: actions
// checked, events and audit written with the state, clocks read back from the
// events in working time.

#include "workflow/workflow.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/time_text.h"
#include "records/common_fields.h"
#include "records/repository.h"
#include "support/store_fixture.h"
#include "workflow/actions.h"
#include "workflow/clocks.h"
#include "workflow/deadline_pass.h"
#include "workflow/events.h"
#include "worktime/calendar_store.h"

namespace alley::workflow {
namespace {

using namespace records::vocabulary;
using std::chrono::minutes;

records::ResourceSchema case_resource() {
  return {"cases",
          "case",
          "case",
          "案件",
          with(common_fields(), {{field("status", kText, "state"), field("unit", kText, "who holds it"),
                                  field("due_at", kText, "next deadline"), field("warn_at", kText, "next warning")}}),
          nullptr};
}

// 受理 within one working day (420 minutes); waiting on the enterprise pauses it.
Workflow small_workflow() {
  Workflow flow;
  flow.resource = "cases";
  flow.state_field = "status";
  flow.opening_action = "file";
  flow.due_field = "due_at";
  flow.warn_field = "warn_at";
  flow.states = {
      {{"filed", "已受理", "Filed"}}, {{"handling", "处理中", "Handling"}}, {{"done", "已办结", "Done"}, false}};
  flow.clocks = {{{"handle", "办结时限", "Time to resolve"}, 0.8, "escalate", "warn"}};
  flow.actions = {
      {{"file", "受理", "File"}, {}, "filed", {}, {}, {{"handle", ClockOp::kStart}}},
      {{"accept", "签收", "Accept"}, {"filed"}, "handling", {Taker::kHolder}, {}, {}},
      {{"wait", "挂起", "Wait"},
       {"handling"},
       "",
       {Taker::kHolder},
       {{{"comment", "说明", "Comment"}, Input::Kind::kComment, true, {}, ""}},
       {{"handle", ClockOp::kPause}}},
      {{"resume", "恢复", "Resume"}, {"handling"}, "", {Taker::kHolder}, {}, {{"handle", ClockOp::kResume}}},
      {{"return", "退回", "Return"},
       {"filed"},
       "filed",
       {Taker::kHolder},
       {{{"reason", "退回原因", "Reason"},
         Input::Kind::kReasonCode,
         true,
         {{"wrong_place", "属地不符", "Not in its area"}, {"other", "其他", "Other"}},
         ""}},
       {}},
      {{"resolve", "办结", "Resolve"}, {"handling"}, "done", {Taker::kHolder}, {}, {{"handle", ClockOp::kStop}}},
  };
  flow.actions.push_back(
      {{"warn", "预警", "Warn"}, {"filed", "handling"}, "", {Taker::kSystem}, {}, {{"", ClockOp::kWarned}}});
  flow.actions.push_back({{"escalate", "升级", "Escalate"},
                          {"filed", "handling"},
                          "",
                          {Taker::kSystem},
                          {},
                          {{"handle", ClockOp::kStart}}});
  flow.holds = [](const access::User& user, const Json& record) {
    return record.value("unit", "") == user.department_id;
  };
  flow.owns = [](const access::User& user, const Json& record) { return record.value("id", "") == user.org_id; };
  flow.check.push_back([](store::Connection&, const Json&, Event& event, Json&, const Acting&) -> Status {
    if (event.action == "file" || event.action == "escalate") event.payload["clock_targets"] = {{"handle", 420}};
    return ok_status();
  });
  return flow;
}

class Workflows : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(
        connection()
            .execute_script(records::record_table_sql("cases", "status TEXT, unit TEXT, due_at TEXT, warn_at TEXT"))
            .ok());
    ASSERT_TRUE(load_district_pack().ok());  // the working calendar with 2025's holidays
    holder_.username = "clerk";
    holder_.role = access::Role::kDepartment;
    holder_.department_id = "dept-kw";
    owner_.username = "firm";
    owner_.role = access::Role::kEnterprise;
    owner_.org_id = "case-1";
  }

  // Files case-1 at `at` (UTC) for the unit dept-kw.
  Json file_case(const char* at) {
    clock_->set(*parse_utc_time(at));
    Result<Json> opened = Result<Json>(Error::internal("not run"));
    Status done = store::in_write_transaction(connection(), [&]() -> Status {
      Result<Json> created = records::create_record(
          connection(), schema_,
          {{"id", "case-1"}, {"name", "一件事"}, {"source", "test"}, {"status", "filed"}, {"unit", "dept-kw"}},
          {"cli", "", access::Writer::kAdmin});
      if (!created) return created.error();
      opened = open_case(connection(), flow_, schema_, created.value(), Event{}, system_);
      return opened ? ok_status() : Status(opened.error());
    });
    EXPECT_TRUE(done.ok()) << done.error().message;
    return opened ? opened.value() : Json();
  }

  Result<Json> act(const access::User& user, Json body, std::optional<std::int64_t> version, const char* at) {
    clock_->set(*parse_utc_time(at));
    Result<ActionRequest> asked = read_action_request(body);
    if (!asked) return asked.error();
    asked->expected_version = version;
    Result<Json> after = Result<Json>(Error::internal("not run"));
    Status done = store::in_write_transaction(connection(), [&]() -> Status {
      after = take_action(connection(), flow_, schema_, "case-1", asked.value(),
                          {&user, {user.username, "", user.standing()}});
      return after ? ok_status() : Status(after.error());
    });
    return after;
  }

  std::vector<ClockRun> runs_at(const char* at) {
    Result<std::vector<Event>> events = events_of(connection(), "cases", "case-1");
    EXPECT_TRUE(events.ok());
    Result<worktime::StoredCalendar> calendar = worktime::load_calendar(connection());
    EXPECT_TRUE(calendar.ok());
    return clock_runs(flow_, events.value(), calendar->calendar, *parse_utc_time(at));
  }

  records::ResourceSchema schema_ = case_resource();
  Workflow flow_ = small_workflow();
  Acting system_{nullptr, {"system", "", access::Writer::kAdmin}};
  access::User holder_;
  access::User owner_;
};

TEST_F(Workflows, AnActionMovesTheCaseWritesItsEventAndItsAuditTogether) {
  const Json filed = file_case("2025-09-26T02:00:00Z");  // Friday 10:00 in Shanghai
  // One working day of 420 minutes from Friday 10:00 ends on Sunday 09-28 (worked) at 10:00.
  EXPECT_EQ(filed["due_at"], "2025-09-28T02:00:00.000Z") << filed.dump();
  const std::int64_t version = filed["version"];
  Result<Json> accepted = act(holder_, {{"action", "accept"}}, version, "2025-09-26T03:00:00Z");
  ASSERT_TRUE(accepted.ok()) << accepted.error().message;
  EXPECT_EQ(accepted.value()["status"], "handling");
  EXPECT_EQ(accepted.value()["version"], version + 1);
  EXPECT_EQ(accepted.value()["event"]["seq"], 2);
  EXPECT_EQ(accepted.value()["event"]["from_state"], "filed");
  Result<std::vector<Event>> events = events_of(connection(), "cases", "case-1");
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].action, "file");
  EXPECT_EQ((*events)[1].actor, "clerk");
  Result<store::QueryResult> audit =
      connection().query("SELECT action FROM audit_log WHERE resource = 'cases' AND record_id = 'case-1' ORDER BY id");
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(store::as_text(audit->rows.back()[0]), "accept");
}

TEST_F(Workflows, RefusalsSayWhyAndChangeNothing) {
  const Json filed = file_case("2025-09-26T02:00:00Z");
  const std::int64_t version = filed["version"];
  Result<Json> early = act(holder_, {{"action", "resolve"}}, version, "2025-09-26T03:00:00Z");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kConflict);
  EXPECT_EQ(early.error().allowed, (std::vector<std::string>{"accept", "return"}));
  EXPECT_FALSE(early.error().message_zh.empty());
  EXPECT_EQ(act(holder_, {{"action", "fly"}}, version, "2025-09-26T03:00:00Z").error().code, ErrorCode::kInvalid);
  EXPECT_EQ(act(holder_, {{"action", "file"}}, version, "2025-09-26T03:00:00Z").error().code, ErrorCode::kInvalid)
      << "the opening is not an action anyone takes";
  Result<Json> no_reason = act(holder_, {{"action", "return"}}, version, "2025-09-26T03:00:00Z");
  ASSERT_FALSE(no_reason.ok());
  ASSERT_EQ(no_reason.error().fields.size(), 1u);
  EXPECT_EQ(no_reason.error().fields[0].field, "reason");
  EXPECT_EQ(act(holder_, {{"action", "return"}, {"reason", "bored"}}, version, "2025-09-26T03:00:00Z").error().code,
            ErrorCode::kInvalid);
  EXPECT_EQ(act(holder_, {{"action", "accept"}, {"colour", "red"}}, version, "2025-09-26T03:00:00Z").error().code,
            ErrorCode::kInvalid);
  EXPECT_EQ(act(owner_, {{"action", "accept"}}, version, "2025-09-26T03:00:00Z").error().code, ErrorCode::kForbidden);
  access::User elsewhere = holder_;
  elsewhere.department_id = "dept-other";
  EXPECT_EQ(act(elsewhere, {{"action", "accept"}}, version, "2025-09-26T03:00:00Z").error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(act(holder_, {{"action", "accept"}}, version - 1, "2025-09-26T03:00:00Z").error().code,
            ErrorCode::kPreconditionFailed);
  EXPECT_EQ(events_of(connection(), "cases", "case-1")->size(), 1u) << "no refusal left an event";
  Result<Json> returned = act(holder_, {{"action", "return"}, {"reason", "wrong_place"}, {"comment", "x"}}, version,
                              "2025-09-26T03:00:00Z");
  EXPECT_FALSE(returned.ok()) << "return takes no comment here";
  returned = act(holder_, {{"action", "return"}, {"reason", "wrong_place"}}, version, "2025-09-26T03:00:00Z");
  ASSERT_TRUE(returned.ok()) << returned.error().message;
  EXPECT_EQ(returned.value()["event"]["reason_label"], "属地不符");
}

TEST_F(Workflows, APauseStopsTheClockAndTheHolidayDoesNotCount) {
  const Json filed = file_case("2025-09-30T01:00:00Z");  // Tuesday 09:00, the eve of National Day
  std::int64_t version = filed["version"];
  Result<Json> step = act(holder_, {{"action", "accept"}}, version, "2025-09-30T02:00:00Z");
  ASSERT_TRUE(step.ok());
  step =
      act(holder_, {{"action", "wait"}, {"comment", "等企业补材料"}}, step.value()["version"], "2025-09-30T03:00:00Z");
  ASSERT_TRUE(step.ok()) << step.error().message;
  EXPECT_TRUE(step.value()["due_at"].is_null()) << "a paused clock has no deadline";
  step = act(holder_, {{"action", "resume"}}, step.value()["version"], "2025-10-09T01:00:00Z");  // Thursday 09:00
  ASSERT_TRUE(step.ok());
  // Two working hours ran on 09-30 (09:00 to 11:00); five remain from 10-09 09:00: 15:00.
  EXPECT_EQ(step.value()["due_at"], "2025-10-09T07:00:00.000Z");
  const std::vector<ClockRun> runs = runs_at("2025-10-09T05:00:00Z");
  ASSERT_EQ(runs.size(), 1u);
  ASSERT_EQ(runs[0].segments.size(), 3u);
  EXPECT_TRUE(runs[0].segments[0].running);
  EXPECT_FALSE(runs[0].segments[1].running);
  EXPECT_EQ(runs[0].segments[0].working, minutes(120));
  EXPECT_EQ(runs[0].segments[1].working, minutes(0));
  // 13:00 on 10-09: two hours before, plus 09:00–12:00 today.
  EXPECT_EQ(runs[0].elapsed, minutes(300));
  EXPECT_FALSE(runs[0].breached(*parse_utc_time("2025-10-09T05:00:00Z")));
  EXPECT_TRUE(runs[0].breached(*parse_utc_time("2025-10-09T07:00:00Z")));
  // Warned at 80 % of 420 minutes, 336: 36 minutes after 10-09 13:00.
  EXPECT_EQ(iso8601(*runs[0].warns_at), "2025-10-09T05:36:00.000Z");
  step = act(holder_, {{"action", "resolve"}}, step.value()["version"], "2025-10-09T06:00:00Z");
  ASSERT_TRUE(step.ok());
  EXPECT_TRUE(step.value()["due_at"].is_null());
  const std::vector<ClockRun> done = runs_at("2025-12-01T00:00:00Z");
  EXPECT_EQ(done[0].status, ClockRun::Status::kStopped);
  EXPECT_EQ(done[0].elapsed, minutes(360));
  EXPECT_FALSE(done[0].breached(*parse_utc_time("2025-12-01T00:00:00Z"))) << "resolved within its working day";
}

TEST_F(Workflows, TheDeadlinePassWarnsOnceAndEscalatesOnceWithAFreshClock) {
  const Json filed = file_case("2025-09-26T02:00:00Z");  // Friday 10:00
  // 80 % of 420 minutes is 336: two hours before lunch, 3 h 36 after, 16:36.
  EXPECT_EQ(filed["warn_at"], "2025-09-26T08:36:00.000Z");
  auto pass = [&](const char* at) {
    clock_->set(*parse_utc_time(at));
    Result<DeadlineReport> report = run_deadline_pass(app().database(), flow_, schema_);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? report.value() : DeadlineReport{};
  };
  EXPECT_EQ(pass("2025-09-26T08:00:00Z").warned, 0u);
  EXPECT_EQ(pass("2025-09-26T09:00:00Z").warned, 1u);
  EXPECT_EQ(pass("2025-09-26T09:30:00Z").warned, 0u) << "warned once";
  EXPECT_EQ(pass("2025-09-27T09:00:00Z").breached, 0u) << "Saturday is not worked";
  const DeadlineReport sunday = pass("2025-09-28T03:00:00Z");  // Sunday 11:00, worked, an hour past due
  EXPECT_EQ(sunday.breached, 1u);
  EXPECT_EQ(sunday.failed, 0u);
  EXPECT_EQ(pass("2025-09-28T03:10:00Z").breached, 0u) << "escalated once";
  Result<Json> now = records::get_record(connection(), schema_, "case-1");
  ASSERT_TRUE(now.ok());
  // The fresh run counts from 11:00 Sunday: 5 hours that day, 2 on Monday: due Monday 11:00.
  EXPECT_EQ(now.value()["due_at"], "2025-09-29T03:00:00.000Z");
  const std::vector<ClockRun> runs = runs_at("2025-09-28T03:10:00Z");
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].status, ClockRun::Status::kSuperseded);
  EXPECT_TRUE(runs[0].warned);
  EXPECT_TRUE(runs[0].breached(*parse_utc_time("2025-09-28T03:10:00Z")));
  EXPECT_EQ(iso8601(*runs[0].breaches_at), "2025-09-28T02:00:00.000Z");
  EXPECT_TRUE(runs[1].current);
  EXPECT_EQ(runs[1].run, 2);
  EXPECT_FALSE(runs[1].warned);
}

}  // namespace
}  // namespace alley::workflow
