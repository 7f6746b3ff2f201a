#include "demands/demand_stats.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "core/district_time.h"
#include "core/time_text.h"
#include "demands/terms.h"
#include "records/repository.h"
#include "workflow/clocks.h"
#include "workflow/events.h"
#include "worktime/calendar_store.h"

namespace alley::demands {
namespace {

using workflow::text_of;

using workflow::Event;

struct Tally {
  std::int64_t received = 0;
  std::int64_t responded = 0;
  std::int64_t awaiting = 0;  // still within their time to be signed for: not yet a response, nor a failure
  std::int64_t on_time = 0;
  std::int64_t resolved = 0;
  std::int64_t ratings = 0;
  std::int64_t satisfied = 0;
  std::int64_t open_now = 0;
  std::int64_t overdue_now = 0;
  std::vector<double> accept_minutes;
  std::vector<double> resolve_minutes;
  std::map<std::string, std::int64_t> returns;
};

Json share(std::int64_t part, std::int64_t whole) { return whole > 0 ? Json(double(part) / double(whole)) : Json(); }

Json median(std::vector<double> values) {
  if (values.empty()) return Json();
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

Json figures(const Tally& tally, bool with_now) {
  Json returns = Json::object();
  for (const auto& [reason, count] : tally.returns) returns[reason] = count;
  Json json = {{"received", tally.received},
               {"responded", tally.responded},
               {"awaiting_response", tally.awaiting},
               {"response_rate", share(tally.responded, tally.received - tally.awaiting)},
               {"accepted_on_time", tally.on_time},
               {"on_time_accept_rate", share(tally.on_time, tally.responded)},
               {"median_accept_minutes", median(tally.accept_minutes)},
               {"resolved", tally.resolved},
               {"resolution_rate", share(tally.resolved, tally.received)},
               {"median_resolve_minutes", median(tally.resolve_minutes)},
               {"ratings", tally.ratings},
               {"satisfied", tally.satisfied},
               {"satisfaction_rate", share(tally.satisfied, tally.ratings)},
               {"returns", returns}};
  if (with_now) {
    json["open_now"] = tally.open_now;
    json["overdue_now"] = tally.overdue_now;
  }
  return json;
}

std::string month_of(const std::string& at) {
  const std::optional<TimePoint> moment = parse_utc_time(at);
  return moment ? district_date(*moment).substr(0, 7) : std::string();
}

// Names of the records a grouping is keyed by.
Result<std::map<std::string, std::string>> names_of(store::Connection& connection, const catalog::Catalog& catalog,
                                                    const char* resource) {
  Result<std::vector<Json>> records = records::list_all_records(connection, *catalog.find(resource));
  if (!records) return records.error();
  std::map<std::string, std::string> names;
  for (const Json& record : records.value()) names[text_of(record, "id")] = text_of(record, "name");
  return names;
}

constexpr const char* kNoBuilding = "-";

class Counter {
 public:
  Counter(Grouping by, int year) : by_(by), year_(std::to_string(year)) {}

  // The tally of `month` for the demand's group, or the event's unit's.
  Tally* at(const std::string& demand_key, const std::string& unit, const std::string& month) {
    if (month.substr(0, 4) != year_) return nullptr;
    const std::string& key = by_ == Grouping::kUnit ? unit : demand_key;
    if (key.empty()) return nullptr;
    return &months_[key][month];
  }
  Tally& now(const std::string& key) { return now_[key]; }

  const std::map<std::string, std::map<std::string, Tally>>& months() const { return months_; }
  const std::map<std::string, Tally>& now_tallies() const { return now_; }

 private:
  Grouping by_;
  std::string year_;
  std::map<std::string, std::map<std::string, Tally>> months_;
  std::map<std::string, Tally> now_;
};

Tally total_of(const std::map<std::string, Tally>& months, const Tally* now) {
  Tally total;
  for (const auto& [month, tally] : months) {
    total.received += tally.received;
    total.responded += tally.responded;
    total.awaiting += tally.awaiting;
    total.on_time += tally.on_time;
    total.resolved += tally.resolved;
    total.ratings += tally.ratings;
    total.satisfied += tally.satisfied;
    total.accept_minutes.insert(total.accept_minutes.end(), tally.accept_minutes.begin(), tally.accept_minutes.end());
    total.resolve_minutes.insert(total.resolve_minutes.end(), tally.resolve_minutes.begin(),
                                 tally.resolve_minutes.end());
    for (const auto& [reason, count] : tally.returns) total.returns[reason] += count;
  }
  if (now) {
    total.open_now = now->open_now;
    total.overdue_now = now->overdue_now;
  }
  return total;
}

// One demand's contributions: each assignment (received by its unit), its
// signing, the resolution, the ratings and the returns.
void count_demand(const Json& demand, const std::vector<Event>& events, const std::string& key,
                  const worktime::WorkCalendar& calendar, TimePoint now, Counter& counter) {
  std::optional<TimePoint> received;
  bool resolved_once = false;
  struct Assignment {
    std::string unit;
    TimePoint at;
    double target_minutes = 0;
    Tally* tally = nullptr;
    bool accepted = false;
  };
  std::optional<Assignment> current;
  for (const Event& event : events) {
    const std::optional<TimePoint> at = parse_utc_time(event.at);
    if (!at) continue;
    const std::string month = month_of(event.at);
    if (event.action == "file") received = at;
    const Json& targets = event.payload.contains("clock_targets") ? event.payload["clock_targets"] : Json();
    if (targets.is_object() && targets.contains("accept") && targets["accept"].is_number()) {
      current = Assignment{event.unit, *at, targets["accept"].get<double>(), counter.at(key, event.unit, month)};
      if (current->tally) ++current->tally->received;
    } else if (event.action == "accept" && current && !current->accepted) {
      current->accepted = true;
      if (current->tally) {
        const double minutes = double(calendar.working_time_between(current->at, *at).count()) / 60000.0;
        ++current->tally->responded;
        current->tally->accept_minutes.push_back(minutes);
        if (minutes <= current->target_minutes) ++current->tally->on_time;
      }
    } else if (event.action == "return") {
      if (Tally* tally = counter.at(key, event.unit, month)) ++tally->returns[event.reason];
    } else if (event.action == "resolve" && !resolved_once) {
      resolved_once = true;
      if (Tally* tally = counter.at(key, event.unit, month)) {
        ++tally->resolved;
        if (received)
          tally->resolve_minutes.push_back(double(calendar.working_time_between(*received, *at).count()) / 60000.0);
      }
    } else if (event.action == "rate" || event.action == "call_back") {
      if (Tally* tally = counter.at(key, event.unit, month)) {
        ++tally->ratings;
        if (!rating_reopens(event.payload.value("rating", ""))) ++tally->satisfied;
      }
    }
  }
  // The unit's last assignment, still within its time to be signed for, is neither a response nor a failure yet.
  if (current && !current->accepted && current->tally && text_of(demand, "status") == "dispatched" &&
      calendar.after_working_time(current->at,
                                  std::chrono::milliseconds(std::int64_t(current->target_minutes * 60000))) > now)
    ++current->tally->awaiting;
}

Json definitions() {
  return {
      {"received", "派至该单位（或该类别、楼宇、全街区）的诉求件次：派单、转派、升级各算一次，按派出月份计"},
      {"response_rate", "响应率：已签收件次 ÷（派出件次 − 仍在签收时限内待签收的件次）"},
      {"on_time_accept_rate", "按时签收率：在签收时限内签收的件次 ÷ 已签收件次"},
      {"median_accept_minutes", "签收用时中位数（工作时间，分钟）：自派出至签收"},
      {"resolution_rate", "解决率：首次办结的诉求 ÷ 派出件次（按办结月份计）"},
      {"median_resolve_minutes", "办结用时中位数（工作时间，分钟）：自受理（received_at）至首次办结"},
      {"satisfaction_rate", "满意率：非常满意、满意、基本满意的评价 ÷ 全部评价（含回访）"},
      {"returns", "退回件次，按退回原因"},
      {"open_now", "当前未关闭的诉求（按当前承办单位）"},
      {"overdue_now", "当前已超过签收或办结时限的诉求"},
      {"no_data", "比率为 null 表示没有可计算的数据（暂无数据），不表示为零"},
  };
}

}  // namespace

std::optional<Grouping> parse_grouping(std::string_view text) {
  if (text == "unit") return Grouping::kUnit;
  if (text == "category") return Grouping::kCategory;
  if (text == "building") return Grouping::kBuilding;
  if (text == "district") return Grouping::kDistrict;
  return std::nullopt;
}

Result<Json> demand_stats(store::Connection& connection, const catalog::Catalog& catalog,
                          const workflow::Workflow& flow, int year, Grouping by) {
  Result<std::vector<Json>> demands = records::list_all_records(connection, *catalog.find("demands"));
  if (!demands) return demands.error();
  Result<std::unordered_map<std::string, std::vector<Event>>> events = workflow::events_by_case(connection, "demands");
  if (!events) return events.error();
  Result<worktime::StoredCalendar> calendar = worktime::load_calendar(connection);
  if (!calendar) return calendar.error();
  std::map<std::string, std::string> buildings;  // organization → its place
  if (by == Grouping::kBuilding) {
    Result<std::vector<Json>> organizations = records::list_all_records(connection, *catalog.find("organizations"));
    if (!organizations) return organizations.error();
    for (const Json& organization : organizations.value())
      buildings[text_of(organization, "id")] = text_of(organization, "place_id");
  }
  const char* named = by == Grouping::kUnit       ? "departments"
                      : by == Grouping::kCategory ? "service_categories"
                      : by == Grouping::kBuilding ? "places"
                                                  : nullptr;
  std::map<std::string, std::string> names;
  if (named) {
    Result<std::map<std::string, std::string>> found = names_of(connection, catalog, named);
    if (!found) return found.error();
    names = std::move(found.value());
  }
  names[kNoBuilding] = "所在楼宇未登记";
  names["district"] = "全街区";

  const TimePoint now = connection.clock().now();
  Counter counter(by, year);
  static const std::vector<workflow::Event> kNone;
  for (const Json& demand : demands.value()) {
    std::string key = "district";
    if (by == Grouping::kCategory) key = text_of(demand, "category_id");
    if (by == Grouping::kBuilding) {
      key = buildings[text_of(demand, "org_id")];
      if (key.empty()) key = kNoBuilding;
    }
    auto found = events->find(text_of(demand, "id"));
    const std::vector<Event>& history = found == events->end() ? kNone : found->second;
    count_demand(demand, history, key, calendar->calendar, now, counter);
    const workflow::State* state = flow.find_state(text_of(demand, "status"));
    if (!state || !state->open) continue;
    Tally& current = counter.now(by == Grouping::kUnit ? text_of(demand, "unit_id") : key);
    ++current.open_now;
    for (const workflow::ClockRun& run : workflow::clock_runs(flow, history, calendar->calendar, now)) {
      if (run.current && run.status == workflow::ClockRun::Status::kRunning && run.breached(now)) {
        ++current.overdue_now;
        break;
      }
    }
  }

  Json groups = Json::array();
  std::map<std::string, bool> keys;
  for (const auto& [key, months] : counter.months()) keys[key] = true;
  for (const auto& [key, tally] : counter.now_tallies()) {
    if (!key.empty()) keys[key] = true;
  }
  static const std::map<std::string, Tally> kNoMonths;
  for (const auto& [key, unused] : keys) {
    auto months = counter.months().find(key);
    auto now_tally = counter.now_tallies().find(key);
    const std::map<std::string, Tally>& of_key = months == counter.months().end() ? kNoMonths : months->second;
    Json monthly = Json::array();
    for (const auto& [month, tally] : of_key) {
      Json row = figures(tally, false);
      row["month"] = month;
      monthly.push_back(std::move(row));
    }
    const auto name = names.find(key);
    groups.push_back(
        {{"id", key},
         {"name", name == names.end() ? key : name->second},
         {"total",
          figures(total_of(of_key, now_tally == counter.now_tallies().end() ? nullptr : &now_tally->second), true)},
         {"months", monthly}});
  }
  std::stable_sort(groups.begin(), groups.end(), [](const Json& left, const Json& right) {
    return left["total"]["received"].get<std::int64_t>() > right["total"]["received"].get<std::int64_t>();
  });
  const char* by_name = by == Grouping::kUnit       ? "unit"
                        : by == Grouping::kCategory ? "category"
                        : by == Grouping::kBuilding ? "building"
                                                    : "district";
  return Json{{"year", year},
              {"by", by_name},
              {"generated_at", iso8601(now)},
              {"synthetic_demands", std::count_if(demands->begin(), demands->end(),
                                                  [](const Json& demand) { return demand.value("synthetic", false); })},
              {"definitions", definitions()},
              {"groups", groups}};
}

}  // namespace alley::demands
