// Scheduled jobs run when their moment has come, once, in the transaction of
// their effect; a failing job is rolled back and tried again, then given up
// and shown; a replaced job never runs. The pipeline's reminder is one: on
// its day in Shanghai, not before, the owner is told.

#include "scheduler/scheduler.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/district_time.h"
#include "notifications/notifications.h"
#include "records/lifecycle.h"
#include "records/repository.h"
#include "support/store_fixture.h"

namespace alley::testing {
namespace {

class SchedulerTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    scheduler_ = app().find_service<scheduler::Scheduler>();
    ASSERT_NE(scheduler_, nullptr);
  }

  std::int64_t count(const std::string& sql) {
    Result<store::QueryResult> rows = connection().query(sql);
    EXPECT_TRUE(rows.ok()) << rows.error().message;
    return store::as_integer(rows->rows.at(0)[0]).value_or(-1);
  }

  void write(const std::function<Status()>& work) {
    Status done = store::in_write_transaction(connection(), work);
    ASSERT_TRUE(done.ok()) << done.error().message;
  }

  std::int64_t schedule(const std::string& kind, TimePoint at, const std::string& subject = "subject-1") {
    std::int64_t id = 0;
    write([&]() -> Status {
      Result<std::int64_t> scheduled = scheduler::schedule(connection(), {0, kind, at, "organizations", subject});
      if (!scheduled) return scheduled.error();
      id = scheduled.value();
      return ok_status();
    });
    return id;
  }

  scheduler::RunReport run() {
    Result<scheduler::RunReport> report = scheduler_->run_due(*database_);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report.ok() ? report.value() : scheduler::RunReport{};
  }

  // A job whose effect is a notification to user-1.
  void handle_by_notifying(const std::string& kind) {
    scheduler_->handle(kind, [kind](store::Connection& connection, const scheduler::Job& job) {
      return notifications::notify(
          connection, {notifications::Recipient::kUser, "user-1", kind, "到期", job.subject_resource, job.subject_id});
    });
  }

  scheduler::Scheduler* scheduler_ = nullptr;
};

TEST_F(SchedulerTest, AJobRunsWhenItsMomentComesAndOnlyOnce) {
  handle_by_notifying("test_due");
  schedule("test_due", clock_->now() + std::chrono::hours(30));
  EXPECT_EQ(run().done, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE kind = 'test_due'"), 0);
  clock_->advance(std::chrono::hours(31));
  EXPECT_EQ(run().done, 1);
  EXPECT_EQ(run().done, 0) << "a done job is not run again";
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE kind = 'test_due'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM scheduled_jobs WHERE done_at IS NOT NULL AND kind = 'test_due'"), 1);
}

TEST_F(SchedulerTest, AFailingJobIsRolledBackTriedAgainAndThenShownAsFailed) {
  int calls = 0;
  scheduler_->handle("test_failing", [&calls](store::Connection& connection, const scheduler::Job& job) -> Status {
    ++calls;
    Status sent = notifications::notify(connection, {notifications::Recipient::kUser, "user-1", "test_failing", "半途",
                                                     job.subject_resource, job.subject_id});
    if (!sent) return sent;
    return Error::unavailable("the mail relay is down");
  });
  schedule("test_failing", clock_->now() - std::chrono::minutes(1));
  for (int attempt = 1; attempt <= scheduler::Scheduler::kMaxAttempts; ++attempt) {
    EXPECT_EQ(run().failed, 1) << attempt;
  }
  EXPECT_EQ(run().failed, 0) << "given up after " << scheduler::Scheduler::kMaxAttempts << " attempts";
  EXPECT_EQ(calls, scheduler::Scheduler::kMaxAttempts);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE kind = 'test_failing'"), 0) << "nothing half done";
  Result<Json> listed = scheduler::pending_and_failed(connection(), 10);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0]["state"], "failed");
  EXPECT_EQ((*listed)[0]["attempts"], scheduler::Scheduler::kMaxAttempts);
  EXPECT_NE((*listed)[0]["last_error"].get<std::string>().find("mail relay"), std::string::npos);
}

TEST_F(SchedulerTest, ACancelledJobNeverRuns) {
  handle_by_notifying("test_cancelled");
  schedule("test_cancelled", clock_->now() + std::chrono::hours(1), "firm-a");
  schedule("test_cancelled", clock_->now() + std::chrono::hours(1), "firm-b");
  write([&]() -> Status {
    Result<std::int64_t> cancelled =
        scheduler::cancel_pending(connection(), "test_cancelled", "organizations", "firm-a");
    if (!cancelled) return cancelled.error();
    EXPECT_EQ(cancelled.value(), 1);
    return ok_status();
  });
  clock_->advance(std::chrono::hours(2));
  EXPECT_EQ(run().done, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE subject_id = 'firm-b'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notifications WHERE subject_id = 'firm-a'"), 0);
  // The run log shows both, the done one with its finish and the cancelled one as cancelled.
  Result<Json> log = scheduler::run_log(connection(), 10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 2u);
  EXPECT_EQ((*log)[0]["state"], "done");
  EXPECT_EQ((*log)[0]["subject_id"], "firm-b");
  EXPECT_EQ((*log)[0]["finished_at"], clock_->now_iso8601());
  EXPECT_EQ((*log)[1]["state"], "cancelled");
  EXPECT_EQ((*log)[1]["subject_id"], "firm-a");
  EXPECT_TRUE(scheduler::pending_and_failed(connection(), 10)->empty());
}

TEST_F(SchedulerTest, AJobOfAKindNoModuleDoesFailsVisibly) {
  schedule("nobody_does_this", clock_->now());
  EXPECT_EQ(run().failed, 1);
  Result<Json> listed = scheduler::pending_and_failed(connection(), 10);
  ASSERT_TRUE(listed.ok());
  EXPECT_NE((*listed)[0]["last_error"].get<std::string>().find("nobody_does_this"), std::string::npos);
}

class PipelineReminderTest : public SchedulerTest {
 protected:
  void SetUp() override {
    SchedulerTest::SetUp();
    // 2026-12-01 10:00 in Shanghai.
    clock_->set(std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + std::chrono::hours{2});
    write([&]() -> Status {
      Result<std::int64_t> user = connection().execute(
          "INSERT INTO users (id, username, password_hash, role, department_id, created_at, updated_at) VALUES "
          "('user-owner', 'zhaoshang-li', 'x', 'department', NULL, '2026-01-01', '2026-01-01')");
      if (!user) return user.error();
      Result<Json> firm = records::create_record(connection(), *find_schema("organizations"),
                                                 {{"id", "target-firm"},
                                                  {"name", "目标科技"},
                                                  {"kind", "enterprise"},
                                                  {"source", "测试"},
                                                  {"pipeline_status", "target"}},
                                                 {"staff", "user-recorder", access::Writer::kAdmin});
      return firm ? ok_status() : Status(firm.error());
    });
  }

  Result<Json> step(const Json& body) {
    Result<Json> changed = Error::internal("not run");
    Status done = store::in_write_transaction(connection(), [&]() -> Status {
      changed = records::change_lifecycle_status(connection(), *find_schema("organizations"), "target-firm", body,
                                                 std::nullopt, {"staff", "user-recorder", access::Writer::kStaff});
      return changed ? ok_status() : Status(changed.error());
    });
    return changed;
  }

  std::int64_t reminders_to(const std::string& user) {
    return count(
        "SELECT COUNT(*) FROM notifications WHERE kind = 'pipeline_reminder' AND recipient_kind = 'user' "
        "AND recipient_id = '" +
        user + "'");
  }
};

TEST_F(PipelineReminderTest, TheOwnerIsRemindedOnTheDayInShanghaiNotBefore) {
  Result<Json> moved = step({{"status", "negotiating"},
                             {"note", "首次拜访"},
                             {"next_step", "约谈财务负责人"},
                             {"owner_id", "user-owner"},
                             {"remind_on", "2026-12-03"}});
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved.value()["pipeline_status"], "negotiating");

  clock_->set(*district_day_start("2026-12-03") - std::chrono::minutes(1));  // 23:59 on 12-02 in Shanghai
  EXPECT_EQ(run().done, 0);
  EXPECT_EQ(reminders_to("user-owner"), 0);
  clock_->advance(std::chrono::minutes(2));
  EXPECT_EQ(run().done, 1);
  EXPECT_EQ(reminders_to("user-owner"), 1);
  Result<store::QueryResult> message = connection().query(
      "SELECT message, subject_resource, subject_id FROM notifications WHERE kind = 'pipeline_reminder'");
  ASSERT_TRUE(message.ok());
  EXPECT_EQ(store::as_text(message->rows[0][0]), "跟进提醒：「目标科技」——约谈财务负责人");
  EXPECT_EQ(store::as_text(message->rows[0][2]), "target-firm");

  Result<Json> history =
      records::lifecycle_history(connection(), *find_schema("organizations")->lifecycle, "target-firm");
  ASSERT_TRUE(history.ok());
  const Json& last = history->back();
  EXPECT_EQ(last["next_step"], "约谈财务负责人");
  EXPECT_EQ(last["owner_username"], "zhaoshang-li");
  EXPECT_EQ(last["remind_on"], "2026-12-03");
}

TEST_F(PipelineReminderTest, ANewerStepReplacesThePendingReminderAndAFollowUpKeepsTheStatus) {
  ASSERT_TRUE(step({{"status", "negotiating"}, {"owner_id", "user-owner"}, {"remind_on", "2026-12-05"}}).ok());
  Result<Json> follow_up = step({{"status", "negotiating"}, {"note", "电话沟通"}, {"remind_on", "2026-12-02"}});
  ASSERT_TRUE(follow_up.ok()) << follow_up.error().message;
  EXPECT_EQ(follow_up.value()["pipeline_status"], "negotiating") << "a follow-up, not a move";
  clock_->set(*district_day_start("2026-12-10"));
  EXPECT_EQ(run().done, 1) << "only the newer reminder";
  EXPECT_EQ(reminders_to("user-owner"), 0);
  EXPECT_EQ(reminders_to("user-recorder"), 1) << "with no owner named, whoever recorded the step";
}

TEST_F(PipelineReminderTest, AStepIsRefusedWithAnOwnerWhoIsNotStaffOrAReminderInThePast) {
  Result<Json> nobody = step({{"status", "negotiating"}, {"owner_id", "no-such-user"}});
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(nobody.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(nobody.error().fields.at(0).field, "owner_id");
  Result<Json> past = step({{"status", "negotiating"}, {"remind_on", "2026-11-30"}});
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().fields.at(0).field, "remind_on");
  Result<Json> stays = step({{"status", "landed"}, {"next_step", std::string(2001, 'x')}});
  ASSERT_FALSE(stays.ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM scheduled_jobs"), 0);
  Result<Json> firm = records::get_record(connection(), *find_schema("organizations"), "target-firm");
  EXPECT_EQ(firm.value()["pipeline_status"], "target") << "nothing changed";
}

}  // namespace
}  // namespace alley::testing
