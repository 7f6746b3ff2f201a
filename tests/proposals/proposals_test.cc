// 提案与建议办理 on the same machinery as the service desk: the pack's two
// answered proposals with their history as the replies state it, and a new
// one handed over, given its co-units' opinions, answered, published and
// closed, on a reply clock that warns and notes its breach once.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/time_text.h"
#include "records/repository.h"
#include "support/store_fixture.h"
#include "workflow/actions.h"
#include "workflow/clocks.h"
#include "workflow/deadline_pass.h"
#include "workflow/events.h"
#include "workflow/module.h"

namespace alley::proposals {
namespace {

access::User staff(const char* name, const char* department) {
  access::User user;
  user.username = name;
  user.role = access::Role::kDepartment;
  user.department_id = department;
  return user;
}

class Proposals : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(load_district_pack().ok());
    flow_ = app().find_service<workflow::Workflows>()->find("proposals");
    ASSERT_NE(flow_, nullptr);
    schema_ = find_schema("proposals");
  }

  Result<Json> act(const access::User& user, const std::string& id, Json body) {
    Result<workflow::ActionRequest> asked = workflow::read_action_request(body);
    if (!asked) return asked.error();
    Result<Json> after = Result<Json>(Error::internal("not run"));
    Status done = store::in_write_transaction(connection(), [&]() -> Status {
      after = workflow::take_action(connection(), *flow_, *schema_, id, asked.value(),
                                    {&user, {user.username, "", user.standing()}});
      return after ? ok_status() : Status(after.error());
    });
    return after;
  }

  std::vector<std::string> actions_of(const std::string& id) {
    std::vector<std::string> names;
    const std::vector<workflow::Event> history = workflow::events_of(connection(), "proposals", id).value();
    for (const workflow::Event& event : history) names.push_back(event.action);
    return names;
  }

  const workflow::Workflow* flow_ = nullptr;
  const records::ResourceSchema* schema_ = nullptr;
  access::User lead_ = staff("kw", "science-tech-commission");
  access::User co_unit_ = staff("wl", "culture-tourism-bureau");
  access::User other_ = staff("sj", "market-regulation-bureau");
};

TEST_F(Proposals, ThePacksTwoRepliesAreRecordsOfTheWorkflow) {
  Result<Json> proposal = records::get_record(connection(), *schema_, "proposal-cppcc-15-4-083");
  ASSERT_TRUE(proposal.ok());
  EXPECT_EQ(proposal.value()["status"], "published");
  EXPECT_EQ(proposal.value()["outcome"], "solved_or_adopted");
  EXPECT_EQ(proposal.value()["reply_number"], "长科委〔2025〕4号");
  EXPECT_FALSE(proposal.value().contains("due_at")) << "no date of receipt, so no reply clock";
  EXPECT_EQ(actions_of("proposal-cppcc-15-4-083"), (std::vector<std::string>{"file", "accept", "reply", "publish"}));
  const std::vector<workflow::Event> history =
      workflow::events_of(connection(), "proposals", "proposal-cppcc-15-4-083").value();
  EXPECT_EQ(history[0].payload["date_basis"], "inferred");
  EXPECT_EQ(history[2].at, "2025-04-10T16:00:00.000Z") << "the reply's day, in the district";
  EXPECT_EQ(records::get_record(connection(), *schema_, "proposal-npc-17-5-018").value()["replied_on"], "2024-04-29");
}

TEST_F(Proposals, AProposalIsHandledByItsUnitsAndItsClockWarnsAndLapsesOnce) {
  clock_->set(*parse_utc_time("2025-09-26T02:00:00Z"));
  Json created;
  Status filed = store::in_write_transaction(connection(), [&]() -> Status {
    Result<Json> made = records::create_record(connection(), *schema_,
                                               {{"name", "关于完善硅巷夜间公共服务的建议"},
                                                {"source", "test"},
                                                {"kind", "cppcc_proposal"},
                                                {"session", "长宁区政协第十五届五次会议"},
                                                {"number", "第001号"},
                                                {"lead_unit_id", "science-tech-commission"},
                                                {"co_unit_ids", {"culture-tourism-bureau"}},
                                                {"received_on", "2025-09-26"}},
                                               {"clerk", "", access::Writer::kStaff});
    if (!made) return made.error();
    created = made.value();
    return ok_status();
  });
  ASSERT_TRUE(filed.ok()) << filed.error().message;
  const std::string id = created["id"];
  EXPECT_EQ(created["status"], "assigned");
  ASSERT_TRUE(created.contains("due_at"));
  EXPECT_GT(created["due_at"].get<std::string>(), "2025-12-01") << "63 working days from 26 September";

  EXPECT_EQ(act(other_, id, {{"action", "accept"}}).error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(act(lead_, id, {{"action", "accept"}}).ok());
  EXPECT_EQ(act(other_, id, {{"action", "opinion"}, {"comment", "同意"}}).error().code, ErrorCode::kForbidden)
      << "not a co-handling unit";
  ASSERT_TRUE(act(co_unit_, id, {{"action", "opinion"}, {"comment", "建议结合飞乐夜校开展"}}).ok());
  ASSERT_TRUE(act(lead_, id, {{"action", "contact"}, {"comment", "上门拜访、当面沟通"}, {"on", "2025-10-20"}}).ok());
  EXPECT_EQ(act(lead_, id, {{"action", "reply"}}).error().code, ErrorCode::kInvalid) << "the outcome is needed";

  // Past 80 % of the reply's time: one warning; past the deadline: the lapse noted once.
  clock_->set(*parse_utc_time(created["warn_at"].get<std::string>()) + std::chrono::minutes(1));
  Result<workflow::DeadlineReport> warned = workflow::run_deadline_pass(*database_, *flow_, *schema_);
  ASSERT_TRUE(warned.ok());
  EXPECT_EQ(warned->warned, 1u);
  clock_->set(*parse_utc_time(created["due_at"].get<std::string>()) + std::chrono::minutes(1));
  EXPECT_EQ(workflow::run_deadline_pass(*database_, *flow_, *schema_)->breached, 1u);
  EXPECT_EQ(workflow::run_deadline_pass(*database_, *flow_, *schema_)->breached, 0u);

  Result<Json> replied = act(lead_, id,
                             {{"action", "reply"},
                              {"outcome", "planned"},
                              {"reply_number", "长科委〔2025〕30号"},
                              {"signed_by", "签发人"},
                              {"comment", "已列入2026年计划"}});
  ASSERT_TRUE(replied.ok()) << replied.error().message;
  EXPECT_EQ(replied.value()["status"], "replied");
  EXPECT_EQ(replied.value()["outcome"], "planned");
  EXPECT_EQ(replied.value()["reply_number"], "长科委〔2025〕30号");
  EXPECT_TRUE(replied.value().contains("replied_on"));
  ASSERT_TRUE(act(lead_, id, {{"action", "publish"}}).ok());
  const Result<Json> closed = act(lead_, id, {{"action", "feedback"}, {"rating", "satisfied"}});
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed.value()["status"], "closed");
  EXPECT_EQ(closed.value()["feedback"], "satisfied");
  EXPECT_EQ(actions_of(id), (std::vector<std::string>{"file", "accept", "opinion", "contact", "warn", "overdue",
                                                      "reply", "publish", "feedback"}));
}

}  // namespace
}  // namespace alley::proposals
