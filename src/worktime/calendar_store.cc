#include "worktime/calendar_store.h"

#include <nlohmann/json.hpp>

#include "store/database.h"

namespace alley::worktime {
namespace {

StoredCalendar ordinary_week() {
  return {Json{{"recorded", false},
               {"working_hours", std::string(kAssumedWorkingHours)},
               {"working_hours_basis", "assumed"},
               {"time_zone", "Asia/Shanghai"}},
          WorkCalendar(*parse_working_hours(kAssumedWorkingHours), {})};
}

Result<std::vector<SpecialDay>> special_days(store::Connection& connection, const std::string& calendar_id) {
  Result<store::QueryResult> rows = connection.query(
      "SELECT date, kind, name, source FROM calendar_days WHERE calendar_id = ? AND deleted_at IS NULL ORDER BY date",
      {calendar_id});
  if (!rows) return rows.error();
  std::vector<SpecialDay> days;
  days.reserve(rows->rows.size());
  for (const auto& row : rows->rows) {
    const std::optional<Day> date = parse_day(store::as_text(row[0]));
    if (!date) continue;  // the validator admits only real dates
    days.push_back({*date, store::as_text(row[1]) == "adjusted_workday" ? DayKind::kAdjustedWorkday : DayKind::kHoliday,
                    store::as_text(row[2]), store::as_text(row[3])});
  }
  return days;
}

}  // namespace

Result<StoredCalendar> load_calendar(store::Connection& connection, std::optional<std::string_view> calendar_id) {
  std::string sql =
      "SELECT id, name, name_en, working_hours, working_hours_basis, time_zone, source FROM work_calendars WHERE "
      "deleted_at IS NULL";
  std::vector<store::SqlValue> params;
  if (calendar_id) {
    sql += " AND id = ?";
    params.emplace_back(std::string(*calendar_id));
  }
  Result<store::QueryResult> found = connection.query(sql + " ORDER BY id LIMIT 1", params);
  if (!found) return found.error();
  if (found->rows.empty()) {
    if (calendar_id) return Error::not_found("no working calendar " + std::string(*calendar_id));
    return ordinary_week();
  }
  const auto& row = found->rows[0];
  const std::string id = store::as_text(row[0]);
  Json record = {{"id", id},
                 {"name", store::as_text(row[1])},
                 {"working_hours", store::as_text(row[3])},
                 {"working_hours_basis", store::as_text(row[4])},
                 {"time_zone", store::as_text(row[5])},
                 {"source", store::as_text(row[6])},
                 {"recorded", true}};
  if (!store::is_null(row[2])) record["name_en"] = store::as_text(row[2]);
  // The validator admits only well-formed hours; a calendar edited around it still counts.
  std::optional<std::vector<WorkingSpan>> hours = parse_working_hours(store::as_text(row[3]));
  if (!hours) hours = parse_working_hours(kAssumedWorkingHours);
  Result<std::vector<SpecialDay>> days = special_days(connection, id);
  if (!days) return days.error();
  return StoredCalendar{std::move(record), WorkCalendar(std::move(*hours), std::move(days.value()))};
}

}  // namespace alley::worktime
