// The working calendar: each year's holidays and adjusted working days from
// the pack, with the notice each comes from, kept by admins.

#include <gtest/gtest.h>

#include "support/api_test.h"

namespace alley::testing {
namespace {

class Calendar : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run_alley({"init", "--db", dir_.db_url()}).exit_code, 0);
    server_ = std::make_unique<ServerProcess>(std::vector<std::string>{"--db", dir_.db_url()});
  }
  Json year(const std::string& path) {
    Response response = request(server_->port(), "GET", path, "", {kAnonymousMarker});
    EXPECT_EQ(response.status, 200) << response.body;
    return json_of(response);
  }
  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
};

const Json* day_of(const Json& year, const std::string& date) {
  for (const Json& day : year["days"]) {
    if (day["date"] == date) return &day;
  }
  return nullptr;
}

TEST_F(Calendar, NationalDayOf2025AndItsAdjustedWeekendDaysComeWithTheirNotice) {
  const Json y2025 = year("/api/v1/calendar/2025");
  EXPECT_TRUE(y2025["covered"].get<bool>());
  EXPECT_EQ(y2025["calendar"]["working_hours"], "09:00-12:00,13:00-17:00");
  EXPECT_EQ(y2025["calendar"]["working_hours_basis"], "assumed") << "the documents state no working hours";
  EXPECT_EQ(y2025["working_day_minutes"], 420);
  const Json* sunday = day_of(y2025, "2025-09-28");
  ASSERT_NE(sunday, nullptr);
  EXPECT_EQ((*sunday)["kind"], "adjusted_workday");
  EXPECT_TRUE((*sunday)["working"].get<bool>());
  EXPECT_EQ((*sunday)["weekday"], 7);
  EXPECT_NE((*sunday)["source"].get<std::string>().find("国办发明电〔2024〕12号"), std::string::npos);
  const Json* wednesday = day_of(y2025, "2025-10-08");
  ASSERT_NE(wednesday, nullptr);
  EXPECT_EQ((*wednesday)["kind"], "holiday");
  EXPECT_TRUE((*wednesday)["differs_from_ordinary_week"].get<bool>());
  EXPECT_FALSE((*day_of(y2025, "2025-10-04"))["differs_from_ordinary_week"].get<bool>()) << "a Saturday off anyway";
  EXPECT_EQ(day_of(y2025, "2025-10-09"), nullptr) << "an ordinary Thursday is not listed";
  // 2025 has 261 weekdays; the notice gives 18 of them to holidays (元旦 1, 春节 6, 清明 1,
  // 劳动节 3, 端午 1, 国庆中秋 6) and makes 5 weekend days working days.
  EXPECT_EQ(y2025["working_days"], 261 - 18 + 5);

  const Json y2026 = year("/api/v1/calendar/2026");
  EXPECT_TRUE(y2026["covered"].get<bool>());
  EXPECT_EQ((*day_of(y2026, "2026-10-10"))["kind"], "adjusted_workday");
  const Json y2027 = year("/api/v1/calendar/2027");
  EXPECT_FALSE(y2027["covered"].get<bool>());
  EXPECT_TRUE(y2027["days"].empty());
  EXPECT_FALSE(y2027["note_zh"].get<std::string>().empty());
}

TEST_F(Calendar, AdminsAddANewYearsNoticeAndNonsenseIsRefused) {
  for (const char* bad : {"/api/v1/calendar/20x5", "/api/v1/calendar/1850", "/api/v1/calendar/2025?colour=red"})
    EXPECT_EQ(request(server_->port(), "GET", bad, "", {kAnonymousMarker}).status, 400) << bad;
  EXPECT_EQ(request(server_->port(), "GET", "/api/v1/calendar/2025?calendar=nowhere").status, 404);
  // A refusal is said in Chinese too, for the Chinese screens.
  Response missing = request(server_->port(), "GET", "/api/v1/calendar_days/district-1999-01-01");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(json_of(missing)["detail_zh"], "没有此节假日与调休记录");

  const Json new_year = {{"id", "district-2027-01-01"},
                         {"calendar_id", "district"},
                         {"date", "2027-01-01"},
                         {"kind", "holiday"},
                         {"name", "元旦"},
                         {"source", "the 2027 notice"}};
  EXPECT_EQ(post_json(server_->port(), "/api/v1/calendar_days", new_year, {kAnonymousMarker}).status, 401);
  ASSERT_EQ(post_json(server_->port(), "/api/v1/calendar_days", new_year).status, 201);
  EXPECT_TRUE(year("/api/v1/calendar/2027")["covered"].get<bool>());
  // The same day twice would leave its kind to chance.
  Json again = new_year;
  again["id"] = "district-2027-01-01-again";
  EXPECT_EQ(post_json(server_->port(), "/api/v1/calendar_days", again).status, 409);
  // A weekday cannot be an adjusted working day: it is worked anyway.
  Json weekday = new_year;
  weekday["id"] = "district-2027-01-05";
  weekday["date"] = "2027-01-05";
  weekday["kind"] = "adjusted_workday";
  Response refused = post_json(server_->port(), "/api/v1/calendar_days", weekday);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(json_of(refused)["errors"][0]["field"], "kind");
  Response hours = post_json(server_->port(), "/api/v1/work_calendars",
                             {{"id", "night"},
                              {"name", "夜班"},
                              {"working_hours", "17:00-09:00"},
                              {"working_hours_basis", "assumed"},
                              {"time_zone", "Asia/Shanghai"},
                              {"source", "test"}});
  EXPECT_EQ(hours.status, 422) << hours.body;
}

}  // namespace
}  // namespace alley::testing
