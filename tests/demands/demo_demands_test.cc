// The demo demands: every one synthetic and moved by the workflow itself, so
// the measures read them as they would real ones, and the same each time.

#include "demands/demo_demands.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "demands/demand_stats.h"
#include "records/repository.h"
#include "registry/demo_population.h"
#include "support/store_fixture.h"
#include "workflow/deadline_pass.h"
#include "workflow/events.h"
#include "workflow/module.h"

namespace alley::demands {
namespace {

class DemoDemandsTest : public testing::StoreTest {
 protected:
  Result<DemoDemands> populate(std::size_t count) {
    Result<DemoDemands> added = Result<DemoDemands>(Error::internal("not run"));
    Status done = store::in_write_transaction(connection(), [&]() -> Status {
      added = add_demo_demands(connection(), app().catalog(), *flow(), count);
      return added ? ok_status() : Status(added.error());
    });
    return added;
  }
  const workflow::Workflow* flow() { return app().find_service<workflow::Workflows>()->find("demands"); }
};

TEST_F(DemoDemandsTest, EachIsSyntheticAndMovedByTheWorkflowAndTheMeasuresReadThem) {
  ASSERT_TRUE(load_district_pack().ok());
  ASSERT_TRUE(store::in_write_transaction(connection(), [&]() -> Status {
                return registry::add_demo_population(connection(), app().catalog()).ok() ? ok_status()
                                                                                         : Error::internal("demo");
              }).ok());
  Result<DemoDemands> added = populate(300);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->demands, 300u);
  EXPECT_GT(added->events, 300u * 4);
  EXPECT_GE(added->left_open, 10u);

  Result<std::vector<Json>> demands = records::list_all_records(connection(), *find_schema("demands"));
  ASSERT_TRUE(demands.ok());
  ASSERT_EQ(demands->size(), 300u);
  std::map<std::string, int> statuses;
  int escalated = 0, last_resort = 0, returned = 0;
  for (const Json& demand : demands.value()) {
    EXPECT_TRUE(demand["synthetic"].get<bool>());
    EXPECT_EQ(demand["name"].get<std::string>().rfind("示例诉求", 0), 0u);
    const std::string received = demand["received_at"];
    if (received >= "2026-01-01") {
      EXPECT_GE(received, iso8601(clock_->now() - std::chrono::minutes(61))) << "the open ones arrive in the last hour";
      EXPECT_NE(demand["status"], "closed");
    } else {
      EXPECT_GE(received, "2025-01-01");
    }
    ++statuses[demand["status"].get<std::string>()];
    escalated += demand["escalations"].get<int>() > 0;
    last_resort += demand["last_resort"].get<bool>();
    returned += demand["returns"].get<int>() > 0;
  }
  EXPECT_GT(statuses["closed"], 250);
  EXPECT_GT(escalated, 0);
  EXPECT_GT(returned, 0);
  EXPECT_GT(last_resort, 0) << "two returns, or three reassignments";
  Result<store::QueryResult> told =
      connection().query("SELECT COUNT(*) FROM notifications WHERE subject_resource = 'demands'");
  ASSERT_TRUE(told.ok());
  EXPECT_EQ(store::as_integer(told->rows[0][0]), 0) << "synthetic demands tell nobody";

  Result<Json> district = demand_stats(connection(), app().catalog(), *flow(), 2025, Grouping::kDistrict);
  ASSERT_TRUE(district.ok());
  const Json& total = district.value()["groups"][0]["total"];
  EXPECT_GE(total["received"].get<int>(), 300);
  EXPECT_GT(total["satisfaction_rate"].get<double>(), 0.8);
  EXPECT_GT(total["on_time_accept_rate"].get<double>(), 0.8);
  EXPECT_LT(total["on_time_accept_rate"].get<double>(), 1.0) << "some are late";
  EXPECT_EQ(district.value()["synthetic_demands"], 300);

  Result<workflow::DeadlineReport> pass = workflow::run_deadline_pass(*database_, *flow(), *find_schema("demands"));
  ASSERT_TRUE(pass.ok());
  EXPECT_EQ(pass->breached + pass->warned, 0u)
      << "nothing is due as the demo is made: a server started on it writes nothing";
  EXPECT_EQ(populate(300).error().code, ErrorCode::kConflict) << "added once";
}

}  // namespace
}  // namespace alley::demands
