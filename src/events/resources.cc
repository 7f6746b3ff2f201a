#include "events/resources.h"

#include <nlohmann/json.hpp>

#include "core/district_time.h"
#include "core/time_text.h"
#include "events/event_terms.h"
#include "records/common_fields.h"
#include "records/data_scope.h"

namespace alley::events {
namespace {

using namespace records::vocabulary;

constexpr const char* kByWorkflow = "moved by the event's actions: POST /api/v1/events/{id}/actions";

FieldSpec organisers_field(const char* description) {
  return reference_array_field("organiser_ids", "departments", description).labelled("主办单位", "Organisers").filter();
}

FieldSpec co_organisers_field() {
  return reference_array_field("co_organiser_ids", "organizations",
                               "Enterprises, investors and other bodies that organise it with the district (协办)")
      .labelled("协办单位", "Co-organisers")
      .filter();
}

FieldSpec co_organisers_note_field() {
  return field("co_organisers_note", kText, "Co-organisers the registry does not hold, as the documents name them")
      .labelled("其他协办单位", "Other co-organisers")
      .longest(300);
}

ResourceSchema series_resource() {
  ResourceSchema schema{
      "event_series",
      "event_series",
      "ser",
      "系列活动",
      with(common_fields(),
           {{event_kind_field().is_required(),
             enum_field("cadence", {"quarterly", "monthly", "yearly", "irregular"},
                        "How often the documents say it is held; irregular where they say 定期 or nothing")
                 .labelled("频次", "Cadence")
                 .values_labelled(
                     {{"每季度", "Quarterly"}, {"每月", "Monthly"}, {"每年", "Yearly"}, {"不定期", "Irregular"}})
                 .is_required()
                 .filter(),
             field("cadence_note", kText, "What the documents say of how often, in their words")
                 .labelled("频次说明", "On the cadence")
                 .longest(300),
             organisers_field("The units that run the series"), co_organisers_field(), co_organisers_note_field(),
             field("since_year", kInteger, "The year the documents say it began")
                 .labelled("起始年份", "Since")
                 .range(2000, 2100)}}),
      nullptr};
  schema.write_access = access::Access::kStaff;
  schema.staff_guard = records::guard_by_departments("organiser_ids");
  schema.search_fields = {"description", "cadence_note", "co_organisers_note"};
  return schema;
}

// A moment as typed (with its offset) kept in UTC, as the server writes
// moments, so lists sort and range by it as text; the year and quarter
// follow it, in the district's calendar.
void keep_times(Json& merged, std::vector<FieldError>& errors) {
  for (const char* name : {"starts_at", "ends_at"}) {
    if (!merged.contains(name)) continue;
    std::optional<TimePoint> moment = parse_time_with_offset(merged[name].get<std::string>());
    if (!moment) {
      errors.push_back({name, "must be a time in ISO 8601 with an offset: 2025-09-26T09:00:00+08:00",
                        "须为带时区的时间，如 2025-09-26T09:00:00+08:00"});
      continue;
    }
    merged[name] = iso8601(*moment);
  }
  if (merged.contains("starts_at") && merged.contains("ends_at") && merged["ends_at"] < merged["starts_at"])
    errors.push_back({"ends_at", "an event ends after it starts", "结束时间须晚于开始时间"});
  if (merged.contains("starts_at")) {
    if (std::optional<TimePoint> start = parse_utc_time(merged["starts_at"].get<std::string>())) {
      const std::string day = district_date(*start);
      merged["year"] = std::stoi(day.substr(0, 4));
      merged["quarter"] = (std::stoi(day.substr(5, 2)) + 2) / 3;
    }
  } else if (!merged.contains("year")) {
    errors.push_back(
        {"year", "an event without its start time says at least its year", "未填开始时间的活动须填写年份"});
  }
  if (!merged.contains("time_zone")) merged["time_zone"] = kDistrictZone;
}

ResourceSchema event_resource() {
  ResourceSchema schema{
      "events",
      "event",
      "evt",
      "活动",
      with(common_fields(),
           {{event_kind_field().is_required(),
             reference_field("series_id", "event_series", "The series it belongs to")
                 .labelled("所属系列", "Series")
                 .filter(),
             reference_field("venue_place_id", "places", "Where it is held, as a place of the registry")
                 .labelled("举办场所", "Venue")
                 .filter(),
             field("venue_address", kText, "Where it is held, where the venue is not a place of the registry")
                 .labelled("举办地址", "Venue address")
                 .longest(300),
             organisers_field("The units that run it (主办); staff of these change it"),
             co_organisers_field(),
             co_organisers_note_field(),
             field("starts_at", kText, "When it starts, ISO 8601 with an offset; kept in UTC")
                 .labelled("开始时间", "Starts")
                 .moment()
                 .sort(),
             field("ends_at", kText, "When it ends, ISO 8601 with an offset; kept in UTC")
                 .labelled("结束时间", "Ends")
                 .moment()
                 .sort(),
             enum_field("time_zone", {kDistrictZone}, "The zone its times are read in")
                 .labelled("时区", "Time zone")
                 .values_labelled({{"北京时间（Asia/Shanghai）", "China Standard Time (Asia/Shanghai)"}}),
             field("year", kInteger, "The year it is held: from its start, or as the documents give it")
                 .labelled("年份", "Year")
                 .range(2000, 2100)
                 .filter()
                 .sort(),
             field("quarter", kInteger, "The quarter it is held, 1–4: from its start, or as the documents give it")
                 .labelled("季度", "Quarter")
                 .range(1, 4)
                 .filter(),
             field("date_note", kText, "What the documents say of when, where they give no exact time")
                 .labelled("时间说明", "On the date")
                 .longest(300),
             field("capacity", kInteger, "Seats; none: no registration limit")
                 .labelled("名额", "Capacity")
                 .range(1, 100000),
             enum_field("audience", {"public", "enterprises", "staff", "invited"}, "Who may register")
                 .labelled("报名对象", "Who may register")
                 .values_labelled({{"公众", "The public"},
                                   {"企业用户", "Enterprise users"},
                                   {"工作人员", "District staff"},
                                   {"受邀者", "Invited guests"}})
                 .filter(),
             field("offer_hours", kInteger,
                   "How long a freed seat is held for the next on the waiting list before it passes on")
                 .labelled("候补确认时限（小时）", "Hours to take up a freed seat")
                 .range(1, 168),
             field("languages", kTextArray, "The languages it is held in: zh, en").labelled("语言", "Languages"),
             enum_field("status", {"planned", "open", "full", "closed", "held", "reported", "cancelled"},
                        "Where it stands")
                 .labelled("状态", "Status")
                 .values_labelled({{"筹备中", "Planned"},
                                   {"报名中", "Open for registration"},
                                   {"已满员", "Full"},
                                   {"报名截止", "Registration closed"},
                                   {"已举办", "Held"},
                                   {"已总结", "Reported"},
                                   {"已取消", "Cancelled"}})
                 .filter()
                 .kept_by(kByWorkflow),
             enum_field("counts_as", {"large_forum", "innovation_salon", "entrepreneurship_event"},
                        "Which target of the plan it counts towards (000 §四): a classification staff state, "
                        "never inferred from its kind")
                 .labelled("计入指标", "Counts towards")
                 .values_labelled({{"大型论坛", "Large forum"},
                                   {"创新沙龙", "Innovation salon"},
                                   {"双创主题活动", "Innovation and entrepreneurship event"}})
                 .set_by_staff()
                 .filter(),
             field("counts_as_basis", kText, "Who classified it, on what: a document's words or a decision")
                 .labelled("计入依据", "Basis of the classification")
                 .set_by_staff()
                 .longest(300),
             field("recorded_after", kBool, "Recorded after it was held: its history starts held")
                 .labelled("事后录入", "Recorded after it was held")
                 .only_on_create("an event is recorded as held once, when it is created"),
             field("attendance", kInteger, "How many attended: counted at the door, or as the report states")
                 .labelled("参加人数", "Attendance")
                 .range(0, 1000000)
                 .kept_by("set by the report: POST /api/v1/events/{id}/actions"),
             field("minutes", kText, "The report's minutes").labelled("活动纪要", "Minutes").kept_by(kByWorkflow),
             field("outcomes", kText, "What came of it: agreements, demands raised")
                 .labelled("活动成效", "Outcomes")
                 .kept_by(kByWorkflow)}}),
      [](Json& merged, const Json*, std::vector<FieldError>& errors) {
        keep_times(merged, errors);
        if (merged.contains("counts_as") && !merged.contains("counts_as_basis"))
          errors.push_back({"counts_as_basis", "a classification that counts towards a target says on what basis",
                            "计入指标的活动须说明计入依据"});
      }};
  schema.write_access = access::Access::kStaff;
  schema.staff_guard = records::guard_by_departments("organiser_ids");
  schema.search_fields = {"description", "venue_address", "co_organisers_note", "date_note"};
  return schema;
}

}  // namespace

FieldSpec event_kind_field() {
  return enum_field("kind",
                    {"forum", "salon", "breakfast", "contest", "science_outreach", "course", "culture_sports",
                     "job_fair", "visit", "launch", "civic", "youth"},
                    "论坛, 沙龙, 早餐会, 大赛, 科普, 培训/夜校, 文体, 招聘, 参访, 发布/宣传, 党建与文明实践, 青少年")
      .labelled("类型", "Kind")
      .values_labelled({{"论坛", "Forum"},
                        {"沙龙", "Salon"},
                        {"早餐会", "Breakfast meeting"},
                        {"大赛", "Contest"},
                        {"科普", "Science outreach"},
                        {"培训/夜校", "Course"},
                        {"文体", "Culture and sports"},
                        {"招聘", "Job fair"},
                        {"参访", "Visit"},
                        {"发布/宣传", "Launch"},
                        {"党建与文明实践", "Civic and Party activity"},
                        {"青少年", "Youth"}})
      .filter();
}

std::vector<ResourceSchema> event_resources() {
  std::vector<ResourceSchema> list;
  list.push_back(series_resource());
  list.push_back(event_resource());
  return list;
}

}  // namespace alley::events
