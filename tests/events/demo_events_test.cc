// The demo year of events: every event and registration synthetic, moved by
// the real workflow and registration code, sized as the 2025 targets are, no
// event seating more than its capacity, the waiting list and the door at
// work; and the same year each time.

#include "events/demo_events.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "records/repository.h"
#include "support/store_fixture.h"
#include "workflow/module.h"

namespace alley::events {
namespace {

class DemoEventsTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(load_district_pack().ok());
    book_.flow = app().find_service<workflow::Workflows>()->find("events");
    book_.schema = find_schema("events");
  }
  Result<DemoEvents> populate() {
    Result<DemoEvents> added = Error::internal("not run");
    (void)store::in_write_transaction(connection(), [&]() -> Status {
      added = add_demo_events(connection(), app().catalog(), book_);
      return added ? ok_status() : Status(added.error());
    });
    return added;
  }
  std::int64_t count(const std::string& sql) {
    Result<store::QueryResult> rows = connection().query(sql);
    EXPECT_TRUE(rows.ok()) << sql;
    return rows.ok() ? store::as_integer(rows->rows[0][0]).value_or(-1) : -1;
  }
  EventBook book_;
};

TEST_F(DemoEventsTest, AYearAsTheTargetsSizeItRunThroughRegistrationAndTheDoor) {
  Result<DemoEvents> added = populate();
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->events, 51u);
  EXPECT_GT(added->registrations, 1500u);
  EXPECT_GT(added->checked_in, 1000u);

  const std::string synthetic_2025 = "FROM events WHERE synthetic = 1 AND year = 2025 AND status = 'reported' AND ";
  EXPECT_EQ(count("SELECT COUNT(*) " + synthetic_2025 + "kind = 'breakfast'"), 4);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT quarter) " + synthetic_2025 + "kind = 'breakfast'"), 4) << "one a quarter";
  EXPECT_EQ(count("SELECT COUNT(*) " + synthetic_2025 + "counts_as = 'large_forum'"), 3) << "大型论坛 2–3 a year";
  EXPECT_GE(count("SELECT COUNT(*) " + synthetic_2025 + "counts_as = 'innovation_salon'"), 20) << "创新沙龙 20+";
  EXPECT_EQ(count("SELECT COUNT(*) " + synthetic_2025 + "counts_as = 'entrepreneurship_event'"), 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE synthetic = 1 AND status = 'open'"), 3) << "the month ahead";
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE synthetic = 1 AND name NOT LIKE '示例：%'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM event_registrations WHERE synthetic = 0"), 0);

  // Never more seats than the capacity; some waited, some were offered a freed seat, most came.
  EXPECT_EQ(count("SELECT COUNT(*) FROM events e WHERE synthetic = 1 AND capacity < (SELECT COUNT(*) FROM "
                  "event_registrations r WHERE r.event_id = e.id AND r.status IN ('confirmed', 'offered') AND "
                  "r.walk_in = 0)"),
            0);
  EXPECT_GT(count("SELECT COUNT(*) FROM event_registrations WHERE status = 'waitlisted'"), 0);
  EXPECT_GT(count("SELECT COUNT(*) FROM event_registrations WHERE status = 'cancelled'"), 0);
  EXPECT_GT(count("SELECT COUNT(*) FROM event_registrations WHERE walk_in = 1"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE synthetic = 1 AND status = 'reported' AND attendance IS NULL"), 0)
      << "the report counts the door";
  // Everything the year wrote is dated as the year had it: its events filed, opened, held and
  // reported, and recorded, in 2024–2025; their registrations before they began, and the audit of their
  // creation too.
  const std::string history =
      "FROM workflow_events w JOIN events e ON e.id = w.case_id AND w.case_resource = 'events' "
      "WHERE e.synthetic = 1 AND e.year = 2025 AND ";
  EXPECT_GT(count("SELECT COUNT(*) " + history + "w.occurred_at >= '2024-11-01'"), 48 * 5);
  EXPECT_EQ(count("SELECT COUNT(*) " + history + "(w.occurred_at < '2024-11-01' OR w.occurred_at >= '2026-01-02')"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) " + history + "w.recorded_at <> w.occurred_at"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE synthetic = 1 AND year = 2025 AND created_at >= '2026-01-01'"), 0);
  EXPECT_EQ(
      count(
          "SELECT COUNT(*) FROM event_registrations r JOIN events e ON e.id = r.event_id WHERE e.year = 2025 "
          "AND e.synthetic = 1 AND (r.created_at >= '2026-01-01' OR (r.walk_in = 0 AND r.created_at >= e.starts_at))"),
      0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log a JOIN events e ON e.id = a.record_id AND a.resource = 'events' "
                  "WHERE e.synthetic = 1 AND e.year = 2025 AND a.at >= '2026-01-01'"),
            0);
  // And the connection tells the time again once the year is over.
  EXPECT_EQ(&connection().clock(), clock_.get());

  EXPECT_EQ(populate().error().code, ErrorCode::kConflict) << "once";
}

}  // namespace
}  // namespace alley::events
