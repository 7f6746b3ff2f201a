#include <charconv>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "http/handler_support.h"
#include "http/problem.h"
#include "http/query_string.h"
#include "http/router.h"
#include "worktime/calendar_store.h"
#include "worktime/module.h"

namespace alley::worktime {
namespace {

// Years a notice could have been issued for; beyond them the number is a mistake.
constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;

std::optional<int> year_of(const std::string& text) {
  int year = 0;
  const auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (problem != std::errc() || end != text.data() + text.size() || year < kFirstYear || year > kLastYear)
    return std::nullopt;
  return year;
}

Json year_of_calendar(const StoredCalendar& stored, int year) {
  const WorkCalendar& calendar = stored.calendar;
  Json days = Json::array();
  for (const SpecialDay* day : calendar.special_days_of(year)) {
    const bool working = day->kind == DayKind::kAdjustedWorkday;
    days.push_back({{"date", format_day(day->date)},
                    {"weekday", std::chrono::weekday(day->date).iso_encoding()},
                    {"kind", working ? "adjusted_workday" : "holiday"},
                    {"working", working},
                    {"differs_from_ordinary_week", working == is_weekend(day->date)},
                    {"name", day->name},
                    {"source", day->source}});
  }
  int working_days = 0;
  const Day first{std::chrono::year(year) / std::chrono::January / 1};
  const Day after{std::chrono::year(year + 1) / std::chrono::January / 1};
  for (Day day = first; day < after; day += std::chrono::days(1)) working_days += calendar.is_working_day(day);
  Json answer = {{"year", year},
                 {"calendar", stored.record},
                 {"covered", calendar.covers(year)},
                 {"working_days", working_days},
                 {"working_day_minutes", calendar.day_length().count()},
                 {"days", days}};
  if (!calendar.covers(year)) {
    answer["note"] = "No holiday notice is recorded for this year: its clocks count an ordinary week.";
    answer["note_zh"] = "尚未录入该年度的节假日安排通知，计时按普通工作周计算。";
  }
  return answer;
}

}  // namespace

void add_routes(http::Router& router, app::App& app) {
  store::Database* db = &app.database();
  router.add(
      "GET", "/api/v1/calendar/{year}",
      [db](http::RequestContext&, const http::HttpRequest& request, const http::PathParams& params) {
        const std::optional<int> year = year_of(params.at("year"));
        if (!year)
          return http::problem_response(
              400, "the year must be a number from " + std::to_string(kFirstYear) + " to " + std::to_string(kLastYear));
        const auto query = http::parse_query(request.query);
        if (!query) return http::problem_response(400, "the query string cannot be decoded");
        std::optional<std::string> calendar_id;
        for (const auto& [key, value] : *query) {
          if (key != "calendar") return http::problem_response(400, "unknown query parameter " + key);
          calendar_id = value;
        }
        Result<Json> answer = http::run_read(*db, [&](store::Connection& connection) -> Result<Json> {
          Result<StoredCalendar> stored = load_calendar(connection, calendar_id);
          if (!stored) return stored.error();
          return year_of_calendar(stored.value(), *year);
        });
        if (!answer) return http::problem_response(answer.error());
        return http::json_response(200, answer.value());
      },
      {"calendar_year",
       "The days of a year that differ from the ordinary week — statutory holidays and the weekend days worked in "
       "exchange (调休) — each with the notice that sets it, and the calendar's working hours",
       "work_calendars",
       "",
       "calendar_year",
       "application/json",
       {{"calendar", "string", "a calendar's id; the district's when omitted"}},
       {200, 400, 404},
       false,
       access::Access::kPublic});
  router.add_schemas([](Json& schemas) {
    Json day = {{"type", "object"},
                {"required", {"date", "weekday", "kind", "working", "differs_from_ordinary_week", "name", "source"}},
                {"properties",
                 {{"date", {{"type", "string"}, {"format", "date"}, {"title", "日期"}, {"x-title-en", "Date"}}},
                  {"weekday",
                   {{"type", "integer"}, {"minimum", 1}, {"maximum", 7}, {"description", "ISO: 1 Monday … 7 Sunday"}}},
                  {"kind", {{"type", "string"}, {"enum", {"holiday", "adjusted_workday"}}}},
                  {"working", {{"type", "boolean"}, {"description", "whether the day is worked"}}},
                  {"differs_from_ordinary_week",
                   {{"type", "boolean"}, {"description", "false for a holiday that falls on a weekend anyway"}}},
                  {"name", {{"type", "string"}}},
                  {"source", {{"type", "string"}, {"description", "the notice that sets the day"}}}}}};
    schemas["calendar_year"] = {
        {"type", "object"},
        {"required", {"year", "calendar", "covered", "working_days", "working_day_minutes", "days"}},
        {"properties",
         {{"year", {{"type", "integer"}}},
          {"calendar",
           {{"type", "object"},
            {"description", "the calendar record; `recorded: false` for the ordinary week used when none is kept"}}},
          {"covered", {{"type", "boolean"}, {"description", "whether a holiday notice for the year is recorded"}}},
          {"working_days", {{"type", "integer"}}},
          {"working_day_minutes", {{"type", "integer"}, {"description", "working time of one working day"}}},
          {"days", {{"type", "array"}, {"items", day}}},
          {"note", {{"type", "string"}}},
          {"note_zh", {{"type", "string"}}}}}};
  });
}

}  // namespace alley::worktime
