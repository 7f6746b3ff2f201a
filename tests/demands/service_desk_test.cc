// The service desk on the district pack: demands routed by its rules, moved
// along every path of their lifecycle, timed in the district's working time
// across the 2025 National Day holiday, escalated once per missed deadline
// even with two servers' passes at once, sent to the unit of last resort,
// reopened by a poor rating and turned into a call back when unrated.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "core/time_text.h"
#include "demands/demand_stats.h"
#include "records/repository.h"
#include "support/store_fixture.h"
#include "workflow/actions.h"
#include "workflow/clocks.h"
#include "workflow/deadline_pass.h"
#include "workflow/events.h"
#include "workflow/module.h"
#include "worktime/calendar_store.h"

namespace alley::demands {
namespace {

using workflow::Acting;

access::User staff(const char* name, access::Role role, const char* department) {
  access::User user;
  user.id = std::string("u-") + name;
  user.username = name;
  user.role = role;
  user.department_id = department;
  return user;
}

class ServiceDesk : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(load_district_pack().ok());
    flow_ = app().find_service<workflow::Workflows>()->find("demands");
    ASSERT_NE(flow_, nullptr);
    schema_ = find_schema("demands");
    firm_.username = "firm";
    firm_.role = access::Role::kEnterprise;
    firm_.org_id = "t-huayang-firm";
    // Three enterprises of the test's own: one in a 华阳路 building, a leading one, one nowhere known.
    write([&] {
      for (Json org : {Json{{"id", "t-huayang-firm"}, {"place_id", "xinlianfang"}},
                       Json{{"id", "t-leading-firm"}, {"place_id", "xinlianfang"}, {"tier", "leading"}},
                       Json{{"id", "t-placeless-firm"}}}) {
        org["name"] = "测试企业 " + org["id"].get<std::string>();
        org["kind"] = "enterprise";
        org["source"] = "test";
        Result<Json> created = records::create_record(connection(), *find_schema("organizations"), org, admin_actor_);
        if (!created) return Status(created.error());
      }
      return ok_status();
    });
  }

  void write(const std::function<Status()>& work) {
    Status done = store::in_write_transaction(connection(), work);
    ASSERT_TRUE(done.ok()) << done.error().message;
  }

  void at(const char* moment) { clock_->set(*parse_time_with_offset(moment)); }

  // Files a demand as staff would on the enterprise's behalf, received at `received` (UTC).
  Json file(const char* org, const char* category, const char* received) {
    at(received);
    Json created;
    write([&] {
      Result<Json> made = records::create_record(connection(), *schema_,
                                                 {{"name", "测试诉求"},
                                                  {"org_id", org},
                                                  {"category_id", category},
                                                  {"channel", "visit"},
                                                  {"received_at", received}},
                                                 {"clerk", "u-clerk", access::Writer::kStaff});
      if (!made) return Status(made.error());
      created = made.value();
      return ok_status();
    });
    return created;
  }

  Result<Json> act(const access::User* user, const std::string& id, Json body) {
    Result<workflow::ActionRequest> asked = workflow::read_action_request(body);
    if (!asked) return asked.error();
    Result<Json> after = Result<Json>(Error::internal("not run"));
    Status done = store::in_write_transaction(connection(), [&]() -> Status {
      const Acting acting{user,
                          {user ? user->username : "system", "", user ? user->standing() : access::Writer::kAdmin}};
      after = workflow::take_action(connection(), *flow_, *schema_, id, asked.value(), acting);
      return after ? ok_status() : Status(after.error());
    });
    return after;
  }

  // Takes the action, failing the test when it is refused; the demand after.
  Json must(const access::User& user, const std::string& id, Json body) {
    Result<Json> after = act(&user, id, body);
    EXPECT_TRUE(after.ok()) << body.dump() << ": " << (after ? "" : after.error().message);
    return after ? after.value() : Json::object();
  }

  Json demand(const std::string& id) {
    Result<Json> found = records::get_record(connection(), *schema_, id);
    EXPECT_TRUE(found.ok());
    return found ? found.value() : Json::object();
  }

  std::vector<workflow::Event> events(const std::string& id) {
    return workflow::events_of(connection(), "demands", id).value();
  }

  std::vector<workflow::ClockRun> runs(const std::string& id) {
    Result<worktime::StoredCalendar> calendar = worktime::load_calendar(connection());
    return workflow::clock_runs(*flow_, events(id), calendar->calendar, clock_->now());
  }

  const workflow::ClockRun* current(const std::vector<workflow::ClockRun>& all, const char* clock) {
    for (const workflow::ClockRun& run : all) {
      if (run.clock == clock && run.current) return &run;
    }
    return nullptr;
  }

  workflow::DeadlineReport pass() {
    Result<workflow::DeadlineReport> report = workflow::run_deadline_pass(*database_, *flow_, *schema_);
    EXPECT_TRUE(report.ok()) << report.error().message;
    return report ? report.value() : workflow::DeadlineReport{};
  }

  std::int64_t notifications_to(const char* department, const char* kind) {
    Result<store::QueryResult> rows = connection().query(
        "SELECT COUNT(*) FROM notifications WHERE recipient_kind = 'department' AND recipient_id = ? AND kind = ?",
        {std::string(department), std::string(kind)});
    EXPECT_TRUE(rows.ok()) << rows.error().message;
    return rows ? store::as_integer(rows->rows[0][0]).value_or(-1) : -1;
  }

  const workflow::Workflow* flow_ = nullptr;
  const records::ResourceSchema* schema_ = nullptr;
  records::Actor admin_actor_{"cli", "", access::Writer::kAdmin};
  access::User firm_;
  access::User huayang_ = staff("hy", access::Role::kSubdistrict, "huayanglu-subdistrict");
  access::User commission_ = staff("kw", access::Role::kDepartment, "science-tech-commission");
  access::User market_ = staff("sj", access::Role::kDepartment, "market-regulation-bureau");
  access::User leaders_ = staff("ld", access::Role::kDepartment, "district-leaders");
  access::User centre_ = staff("zx", access::Role::kDepartment, "district-sme-service-centre");
};

TEST_F(ServiceDesk, RoutingSaysWhichRuleSentItWhere) {
  const Json general = file("t-huayang-firm", "cat-policy", "2025-09-26T02:00:00Z");
  EXPECT_EQ(general["status"], "dispatched");
  EXPECT_EQ(general["level_id"], "subdistrict");
  EXPECT_EQ(general["unit_id"], "huayanglu-subdistrict") << "the sub-district of the building's area";
  EXPECT_EQ(general["routing_rule_id"], "route-default");
  EXPECT_NE(general["routing_note"].get<std::string>().find("其余诉求由企业所在街道综合服务"), std::string::npos);

  const Json financing = file("t-huayang-firm", "cat-financing", "2025-09-26T02:00:00Z");
  EXPECT_EQ(financing["level_id"], "department");
  EXPECT_EQ(financing["unit_id"], "science-tech-commission");
  EXPECT_EQ(financing["routing_rule_id"], "route-specialist");

  const Json key = file("t-leading-firm", "cat-financing", "2025-09-26T02:00:00Z");
  EXPECT_EQ(key["level_id"], "district_leader") << "a leading firm is a key enterprise";
  EXPECT_EQ(key["unit_id"], "district-leaders");

  const Json nowhere = file("t-placeless-firm", "cat-policy", "2025-09-26T02:00:00Z");
  EXPECT_EQ(nowhere["unit_id"], "district-sme-service-centre") << "no sub-district is known for it";
  EXPECT_EQ(nowhere["routing_rule_id"], "route-fallback");

  const std::vector<workflow::Event> history = events(general["id"]);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].action, "file");
  EXPECT_EQ(history[1].action, "dispatch");
  EXPECT_EQ(history[1].actor, "system");
  EXPECT_EQ(history[1].at, "2025-09-26T02:00:00.000Z") << "dispatched as of when it was received";
  EXPECT_EQ(notifications_to("huayanglu-subdistrict", "demand_assigned"), 1);
  EXPECT_EQ(notifications_to("district-leaders", "demand_assigned"), 1);
}

TEST_F(ServiceDesk, EveryPathOfTheLifecycle) {
  const std::string id = file("t-huayang-firm", "cat-policy", "2025-09-26T10:00:00+08:00")["id"];
  EXPECT_EQ(demand(id)["received_at"], "2025-09-26T02:00:00.000Z") << "kept in UTC, as lists sort and range it as text";
  at("2025-09-26T03:00:00Z");
  Result<Json> too_soon = act(&huayang_, id, {{"action", "resolve"}, {"comment", "done"}});
  ASSERT_FALSE(too_soon.ok());
  EXPECT_EQ(too_soon.error().code, ErrorCode::kConflict);
  EXPECT_EQ(too_soon.error().allowed, (std::vector<std::string>{"accept", "return", "reassign"}));
  EXPECT_EQ(act(&firm_, id, {{"action", "accept"}}).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(act(&commission_, id, {{"action", "accept"}}).error().code, ErrorCode::kForbidden)
      << "only the unit holding it signs for it";
  EXPECT_EQ(act(&huayang_, id, {{"action", "remind"}, {"comment", "快"}}).error().code, ErrorCode::kForbidden)
      << "督办 is the dispatchers'";

  const Json accepted = must(huayang_, id, {{"action", "accept"}});
  EXPECT_EQ(accepted["status"], "accepted");
  EXPECT_EQ(accepted["handler"], huayang_.username) << "经办人: who signed for it, for the inbox's 'mine'";
  EXPECT_EQ(must(huayang_, id, {{"action", "progress"}, {"comment", "已联系企业"}})["status"], "in_progress");
  EXPECT_EQ(must(huayang_, id, {{"action", "suspend"}, {"comment", "等企业补材料"}})["status"], "suspended");
  EXPECT_EQ(must(firm_, id, {{"action", "resume"}, {"comment", "材料已补"}})["status"], "in_progress");
  EXPECT_EQ(act(&huayang_, id, {{"action", "extend"}, {"extra_days", "5"}, {"comment", "x"}}).error().code,
            ErrorCode::kForbidden)
      << "an extension is approved by a dispatcher, not taken by the holder";
  EXPECT_EQ(act(&centre_, id, {{"action", "extend"}, {"extra_days", "4"}, {"comment", "x"}}).error().code,
            ErrorCode::kInvalid);
  must(centre_, id, {{"action", "extend"}, {"extra_days", "5"}, {"comment", "需跨部门协调"}});
  must(centre_, id, {{"action", "remind"}, {"comment", "请本周办结"}});
  EXPECT_EQ(notifications_to("huayanglu-subdistrict", "demand_reminder"), 1);
  const Json resolved = must(huayang_, id, {{"action", "resolve"}, {"comment", "已解答政策"}});
  EXPECT_EQ(resolved["status"], "resolved");
  EXPECT_EQ(resolved["resolved_at"], "2025-09-26T03:00:00.000Z");
  EXPECT_EQ(must(firm_, id, {{"action", "rate"}, {"rating", "satisfied"}})["status"], "rated");
  const Json closed = must(huayang_, id, {{"action", "close"}});
  EXPECT_EQ(closed["status"], "closed");
  EXPECT_EQ(closed["rating"], "satisfied");
  EXPECT_FALSE(closed.contains("due_at")) << "a closed demand has no deadline left";

  std::vector<std::string> actions;
  for (const workflow::Event& event : events(id)) actions.push_back(event.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"file", "dispatch", "accept", "progress", "suspend", "resume", "extend",
                                               "remind", "resolve", "rate", "close"}));

  // Withdrawn by its enterprise before anyone signs.
  const std::string other = file("t-huayang-firm", "cat-talent", "2025-09-26T02:00:00Z")["id"];
  access::User stranger = firm_;
  stranger.org_id = "t-leading-firm";
  EXPECT_EQ(act(&stranger, other, {{"action", "withdraw"}}).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(must(firm_, other, {{"action", "withdraw"}, {"comment", "已自行解决"}})["status"], "closed");
}

TEST_F(ServiceDesk, ClocksRunInWorkingTimeAcrossNationalDayAndStopWhileSuspended) {
  // Friday 2025-09-26 10:00 in Shanghai; 国庆 and 中秋 run from 10-01 to 10-08, Sunday 09-28 and Saturday 10-11 are
  // worked.
  const std::string id = file("t-huayang-firm", "cat-policy", "2025-09-26T02:00:00Z")["id"];
  std::vector<workflow::ClockRun> all = runs(id);
  ASSERT_NE(current(all, "accept"), nullptr);
  EXPECT_EQ(iso8601(*current(all, "accept")->breaches_at), "2025-09-28T02:00:00.000Z") << "one working day: Sunday";
  EXPECT_EQ(iso8601(*current(all, "resolve")->breaches_at), "2025-10-13T02:00:00.000Z")
      << "seven working days: 28, 29, 30 September, 9, 10, 11 and 13 October";
  EXPECT_EQ(demand(id)["due_at"], "2025-09-28T02:00:00.000Z");

  at("2025-09-26T03:00:00Z");
  must(huayang_, id, {{"action", "accept"}});
  EXPECT_EQ(demand(id)["due_at"], "2025-10-13T02:00:00.000Z") << "signed for: the deadline left is 办结's";
  must(huayang_, id, {{"action", "suspend"}, {"comment", "等企业补材料"}});
  // Suspended from Friday 11:00 until Monday 29 September 11:00: Friday afternoon, the worked Sunday and Monday
  // morning do not count — two working days.
  at("2025-09-29T03:00:00Z");
  must(firm_, id, {{"action", "resume"}});
  all = runs(id);
  const workflow::ClockRun* resolve = current(all, "resolve");
  ASSERT_NE(resolve, nullptr);
  ASSERT_EQ(resolve->segments.size(), 3u);
  EXPECT_FALSE(resolve->segments[1].running);
  EXPECT_EQ(iso8601(*resolve->breaches_at), "2025-10-15T02:00:00.000Z") << "two working days later than before";
  EXPECT_EQ(demand(id)["due_at"], "2025-10-15T02:00:00.000Z");
}

TEST_F(ServiceDesk, AMissedDeadlineEscalatesOnceEvenWithTwoServersPassingAtOnce) {
  const std::string id = file("t-huayang-firm", "cat-policy", "2025-09-26T02:00:00Z")["id"];
  // At 80 % of 签收's working day: a warning, once.
  at("2025-09-28T00:40:00Z");
  EXPECT_EQ(pass().warned, 1u);
  EXPECT_EQ(pass().warned, 0u);
  EXPECT_EQ(notifications_to("huayanglu-subdistrict", "demand_warning"), 1);

  // Sunday 10:00 passes unsigned: two servers' passes at once escalate it once.
  at("2025-09-28T02:30:00Z");
  std::size_t breached = 0;
  std::mutex counting;
  std::vector<std::thread> servers;
  for (int server = 0; server < 2; ++server) {
    servers.emplace_back([&] {
      Result<workflow::DeadlineReport> report = workflow::run_deadline_pass(*database_, *flow_, *schema_);
      std::lock_guard<std::mutex> lock(counting);
      if (report) breached += report->breached;
    });
  }
  for (std::thread& server : servers) server.join();
  EXPECT_EQ(breached, 1u);
  Json up = demand(id);
  EXPECT_EQ(up["status"], "dispatched");
  EXPECT_EQ(up["level_id"], "department");
  EXPECT_EQ(up["unit_id"], "science-tech-commission") << "the category's department";
  EXPECT_EQ(up["overdue"], true);
  EXPECT_EQ(up["escalations"], 1);
  EXPECT_EQ(notifications_to("science-tech-commission", "demand_assigned"), 1);
  const std::vector<workflow::ClockRun> all = runs(id);
  const workflow::ClockRun* accept = current(all, "accept");
  ASSERT_NE(accept, nullptr);
  EXPECT_EQ(accept->run, 2) << "a fresh clock at the level above";
  EXPECT_EQ(accept->unit, "science-tech-commission");
  EXPECT_EQ(iso8601(*accept->breaches_at), "2025-09-29T02:30:00.000Z");
  EXPECT_EQ(pass().breached, 0u) << "nothing more is due";

  // The department misses it too: the district leaders; then there is no level above.
  at("2025-09-29T03:00:00Z");
  EXPECT_EQ(pass().breached, 1u);
  EXPECT_EQ(demand(id)["unit_id"], "district-leaders");
  at("2025-09-30T04:00:00Z");
  EXPECT_EQ(pass().breached, 1u);
  up = demand(id);
  EXPECT_EQ(up["unit_id"], "district-leaders") << "no level above the district leaders";
  EXPECT_EQ(up["escalations"], 2);
  EXPECT_EQ(events(id).back().comment, "已在最高服务层级，超时记录在案");
  EXPECT_EQ(pass().breached, 0u) << "a noted breach is not acted on again";
  EXPECT_EQ(notifications_to("district-leaders", "demand_overdue"), 1);
}

TEST_F(ServiceDesk, TwoReturnsOrThreeReassignmentsReachTheUnitOfLastResort) {
  const std::string id = file("t-huayang-firm", "cat-policy", "2025-09-26T02:00:00Z")["id"];
  at("2025-09-26T03:00:00Z");
  Result<Json> bare = act(&huayang_, id, {{"action", "return"}, {"reason", "wrong_area"}});
  ASSERT_FALSE(bare.ok());
  EXPECT_EQ(bare.error().fields.at(0).field, "comment") << "a return says why in words too";
  Json back = must(huayang_, id, {{"action", "return"}, {"reason", "wrong_area"}, {"comment", "不在本街道"}});
  EXPECT_EQ(back["status"], "pending_dispatch");
  EXPECT_FALSE(back.contains("unit_id"));
  EXPECT_FALSE(back.contains("due_at")) << "nobody's clock runs while it waits for a dispatcher";
  EXPECT_EQ(notifications_to("district-sme-service-centre", "demand_pending"), 1);
  EXPECT_EQ(act(&huayang_, id, {{"action", "dispatch"}, {"unit_id", "market-regulation-bureau"}}).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(act(&centre_, id, {{"action", "dispatch"}, {"unit_id", "no-such-unit"}}).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(must(centre_, id, {{"action", "dispatch"}, {"unit_id", "market-regulation-bureau"}})["unit_id"],
            "market-regulation-bureau");
  back = must(market_, id, {{"action", "return"}, {"reason", "overlapping_duties"}, {"comment", "非本部门职能"}});
  EXPECT_EQ(back["status"], "dispatched") << "the second return goes straight to the unit of last resort";
  EXPECT_EQ(back["unit_id"], "district-sme-service-centre");
  EXPECT_EQ(back["last_resort"], true);
  EXPECT_EQ(back["returns"], 2);

  const std::string moved = file("t-huayang-firm", "cat-policy", "2025-09-26T02:00:00Z")["id"];
  at("2025-09-26T03:00:00Z");
  EXPECT_EQ(act(&huayang_, moved, {{"action", "reassign"}, {"unit_id", "huayanglu-subdistrict"}, {"comment", "x"}})
                .error()
                .code,
            ErrorCode::kInvalid)
      << "not to the unit holding it";
  must(huayang_, moved, {{"action", "accept"}});
  const Json sent_on =
      must(huayang_, moved, {{"action", "reassign"}, {"unit_id", "market-regulation-bureau"}, {"comment", "工商事项"}});
  EXPECT_FALSE(sent_on.contains("handler")) << "the unit it goes to signs for it afresh";
  must(market_, moved, {{"action", "reassign"}, {"unit_id", "justice-bureau"}, {"comment", "法律事项"}});
  EXPECT_FALSE(demand(moved)["last_resort"].get<bool>());
  const Json third =
      must(centre_, moved, {{"action", "reassign"}, {"unit_id", "huayanglu-subdistrict"}, {"comment", "y"}});
  EXPECT_EQ(third["unit_id"], "district-sme-service-centre") << "the third reassignment is the last";
  EXPECT_EQ(third["last_resort"], true);
  EXPECT_EQ(third["reassignments"], 3);
}

TEST_F(ServiceDesk, APoorRatingReopensItAndAnUnratedOneBecomesACallBack) {
  const std::string id = file("t-huayang-firm", "cat-policy", "2025-09-26T02:00:00Z")["id"];
  at("2025-09-26T03:00:00Z");
  must(huayang_, id, {{"action", "accept"}});
  must(huayang_, id, {{"action", "resolve"}, {"comment", "已答复"}});
  EXPECT_EQ(act(&firm_, id, {{"action", "rate"}, {"rating", "meh"}}).error().code, ErrorCode::kInvalid);
  const Json reopened = must(firm_, id, {{"action", "rate"}, {"rating", "very_dissatisfied"}, {"comment", "没解决"}});
  EXPECT_EQ(reopened["status"], "in_progress") << "the answer is the demand as the reopening that followed left it";
  EXPECT_EQ(reopened["event"]["action"], "rate");
  Json now = demand(id);
  EXPECT_EQ(now["status"], "in_progress");
  EXPECT_EQ(now["rating"], "very_dissatisfied");
  EXPECT_EQ(events(id).back().action, "reopen");
  std::vector<workflow::ClockRun> all = runs(id);
  const workflow::ClockRun* review = current(all, "resolve");
  ASSERT_NE(review, nullptr);
  EXPECT_EQ(review->run, 2) << "the review has its own clock";
  EXPECT_EQ(review->status, workflow::ClockRun::Status::kRunning);
  EXPECT_EQ(notifications_to("huayanglu-subdistrict", "demand_reopened"), 1);

  // Resolved again on Monday 29 September 10:00 and left unrated: five working days later — 30 September,
  // 9, 10 and 11 (a worked Saturday) October, then Monday 13 October at 10:00 — a call back.
  at("2025-09-29T02:00:00Z");
  must(huayang_, id, {{"action", "resolve"}, {"comment", "已协调解决"}});
  at("2025-10-11T08:00:00Z");
  EXPECT_EQ(pass().breached, 0u);
  at("2025-10-13T02:30:00Z");
  EXPECT_EQ(pass().breached, 1u);
  now = demand(id);
  EXPECT_EQ(now["revisit_due"], true);
  EXPECT_EQ(now["status"], "resolved");
  EXPECT_EQ(notifications_to("huayanglu-subdistrict", "demand_revisit"), 1);
  EXPECT_EQ(pass().breached, 0u);
  const Json called =
      must(huayang_, id, {{"action", "call_back"}, {"rating", "fair"}, {"comment", "电话回访，基本满意"}});
  EXPECT_EQ(called["status"], "rated");
  EXPECT_EQ(called["revisit_due"], false);
}

TEST_F(ServiceDesk, TheMeasuresCountWhatHappenedAndSayNoDataWhereNothingDid) {
  const std::string resolved = file("t-huayang-firm", "cat-policy", "2025-09-26T02:00:00Z")["id"];
  const std::string returned = file("t-huayang-firm", "cat-talent", "2025-09-26T02:00:00Z")["id"];
  const std::string waiting = file("t-huayang-firm", "cat-financing", "2025-09-26T02:00:00Z")["id"];
  at("2025-09-26T03:00:00Z");
  must(huayang_, resolved, {{"action", "accept"}});
  must(huayang_, returned, {{"action", "return"}, {"reason", "wrong_area"}, {"comment", "不在本街道"}});
  must(centre_, returned, {{"action", "dispatch"}, {"unit_id", "market-regulation-bureau"}});
  at("2025-09-29T02:00:00Z");  // Monday 10:00: Friday from 10:00 and the worked Sunday are 780 minutes, then 60
  must(huayang_, resolved, {{"action", "resolve"}, {"comment", "已解答"}});
  must(firm_, resolved, {{"action", "rate"}, {"rating", "fair"}});
  must(huayang_, resolved, {{"action", "close"}});

  Result<Json> stats = demand_stats(connection(), app().catalog(), *flow_, 2025, Grouping::kUnit);
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  std::map<std::string, Json> units;
  for (const Json& group : stats.value()["groups"]) units[group["id"]] = group["total"];
  const Json& huayang = units["huayanglu-subdistrict"];
  EXPECT_EQ(huayang["received"], 2);
  EXPECT_EQ(huayang["responded"], 1);
  EXPECT_EQ(huayang["response_rate"], 0.5);
  EXPECT_EQ(huayang["on_time_accept_rate"], 1.0);
  EXPECT_EQ(huayang["median_accept_minutes"], 60.0);
  EXPECT_EQ(huayang["resolved"], 1);
  EXPECT_EQ(huayang["median_resolve_minutes"], 840.0) << "Friday 10:00–17:00, Sunday, Monday 09:00–10:00";
  EXPECT_EQ(huayang["satisfaction_rate"], 1.0) << "基本满意 counts as satisfied";
  EXPECT_EQ(huayang["returns"], (Json{{"wrong_area", 1}}));
  EXPECT_EQ(huayang["open_now"], 0);
  const Json& market = units["market-regulation-bureau"];
  EXPECT_EQ(market["received"], 1);
  EXPECT_EQ(market["response_rate"], 0.0) << "its time to sign passed on Sunday";
  EXPECT_TRUE(market["on_time_accept_rate"].is_null()) << "nothing signed for: no data, not 0";
  EXPECT_TRUE(market["satisfaction_rate"].is_null());
  EXPECT_EQ(market["open_now"], 1);
  EXPECT_EQ(market["overdue_now"], 1);
  EXPECT_EQ(units["science-tech-commission"]["overdue_now"], 1) << waiting;
  ASSERT_EQ(stats.value()["groups"][0]["months"].size(), 1u);
  EXPECT_EQ(stats.value()["groups"][0]["months"][0]["month"], "2025-09");

  Result<Json> district = demand_stats(connection(), app().catalog(), *flow_, 2025, Grouping::kDistrict);
  ASSERT_TRUE(district.ok());
  ASSERT_EQ(district.value()["groups"].size(), 1u);
  EXPECT_EQ(district.value()["groups"][0]["total"]["received"], 4) << "three demands, one of them sent twice";
  EXPECT_EQ(district.value()["groups"][0]["total"]["open_now"], 2);
  Result<Json> other_year = demand_stats(connection(), app().catalog(), *flow_, 2024, Grouping::kDistrict);
  ASSERT_TRUE(other_year.ok());
  EXPECT_EQ(other_year.value()["groups"][0]["total"]["received"], 0);
  EXPECT_TRUE(other_year.value()["groups"][0]["total"]["response_rate"].is_null());
}

}  // namespace
}  // namespace alley::demands
