#include "worktime/resources.h"

#include "records/common_fields.h"
#include "worktime/work_calendar.h"

namespace alley::worktime {

using namespace records::vocabulary;

records::ResourceSchema work_calendar_resource() {
  records::ResourceSchema schema{
      "work_calendars",
      "work_calendar",
      "cal",
      "工作日历",
      with(common_fields(),
           {{field("working_hours", kText,
                   "Working hours of a working day in the district's time: 09:00-12:00,13:00-17:00")
                 .labelled("工作时间", "Working hours")
                 .is_required()
                 .longest(100),
             enum_field("working_hours_basis", {"stated", "assumed"},
                        "Whether the hours are those a document states, or assumed until someone states them")
                 .labelled("工作时间依据", "Basis of the working hours")
                 .values_labelled({{"文件载明", "Stated"}, {"系统假设", "Assumed"}})
                 .is_required(),
             enum_field("time_zone", {"Asia/Shanghai"}, "The time zone working hours are read in")
                 .labelled("时区", "Time zone")
                 .values_labelled({{"北京时间（Asia/Shanghai）", "China Standard Time (Asia/Shanghai)"}})
                 .is_required()}}),
      nullptr};
  schema.rule = [](Json& merged, const Json*, std::vector<FieldError>& errors) {
    if (merged.contains("working_hours") && merged["working_hours"].is_string() &&
        !parse_working_hours(merged["working_hours"].get<std::string>()))
      errors.push_back({"working_hours", "must be spans like 09:00-12:00,13:00-17:00, in order and not overlapping",
                        "须写成 09:00-12:00,13:00-17:00 这样的时段，按先后排列且互不重叠"});
  };
  return schema;
}

records::ResourceSchema calendar_day_resource() {
  records::ResourceSchema schema{
      "calendar_days",
      "calendar_day",
      "day",
      "节假日与调休",
      with(common_fields(), {{reference_field("calendar_id", "work_calendars", "The calendar the day belongs to")
                                  .labelled("工作日历", "Calendar")
                                  .is_required()
                                  .filter(),
                              field("date", kDate, "The day").labelled("日期", "Date").is_required().filter().sort(),
                              enum_field("kind", {"holiday", "adjusted_workday"},
                                         "A holiday (no work), or a weekend day worked in exchange for one (调休上班)")
                                  .labelled("类别", "Kind")
                                  .values_labelled({{"放假", "Holiday"}, {"调休上班", "Adjusted working day"}})
                                  .is_required()
                                  .filter()}}),
      nullptr};
  schema.rule = [](Json& merged, const Json*, std::vector<FieldError>& errors) {
    if (!merged.contains("date") || !merged["date"].is_string() || merged.value("kind", "") != "adjusted_workday")
      return;
    const std::optional<Day> day = parse_day(merged["date"].get<std::string>());
    if (!day) return;  // the date's own check says why
    if (!is_weekend(*day))
      errors.push_back({"kind", "a weekday is a working day already; only a Saturday or Sunday can be an adjusted one",
                        "工作日本来就上班，只有周六或周日才能是调休上班日"});
  };
  return schema;
}

}  // namespace alley::worktime
