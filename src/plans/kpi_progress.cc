#include "plans/kpi_progress.h"

#include <chrono>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "plans/kpi_counts.h"
#include "plans/kpi_judgement.h"
#include "plans/resources.h"
#include "records/repository.h"

namespace alley::plans {
namespace {

long days_since_epoch(const std::string& date) {
  using namespace std::chrono;
  const year_month_day ymd{year{std::stoi(date.substr(0, 4))}, month{unsigned(std::stoi(date.substr(5, 2)))},
                           day{unsigned(std::stoi(date.substr(8, 2)))}};
  return long(sys_days(ymd).time_since_epoch().count());
}

KpiTarget target_of(const Json& kpi) {
  KpiTarget target;
  target.kind = kpi["target_kind"].get<std::string>();
  target.min = kpi["target_min"].get<double>();
  if (kpi.contains("target_max")) target.max = kpi["target_max"].get<double>();
  return target;
}

// The year a per-year target starts: its baseline, else its plan's first year, else its first figure.
Result<int> first_year_of(store::Connection& connection, const Json& kpi, const Json& history) {
  if (kpi.contains("baseline_on")) return std::stoi(kpi["baseline_on"].get<std::string>().substr(0, 4));
  Result<store::QueryResult> plan =
      connection.query("SELECT period_start FROM plans WHERE id = ?", {kpi["plan_id"].get<std::string>()});
  if (!plan) return plan.error();
  if (!plan->rows.empty() && !store::as_text(plan->rows[0][0]).empty())
    return std::stoi(store::as_text(plan->rows[0][0]).substr(0, 4));
  return std::stoi(history[0]["as_of"].get<std::string>().substr(0, 4));
}

// A least-squares line through the dated figures, read at the due date.
Json forecast_of(const Json& history, const std::string& due) {
  if (history.size() < 2) return Json();
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const Json& point : history) {
    const double x = double(days_since_epoch(point["as_of"].get<std::string>()));
    const double y = point["value"].get<double>();
    n += 1;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const double spread = n * sxx - sx * sx;
  if (spread <= 0) return Json();
  const double slope = (n * sxy - sx * sy) / spread;
  const double intercept = (sy - slope * sx) / n;
  return {{"on", due}, {"value", intercept + slope * double(days_since_epoch(due))}};
}

// A KPI judged period by period, as its basis says it: each year (or quarter)
// with its value and status, where its counted records are listed, and the
// latest period with figures as the KPI's value.
struct PeriodReading {
  Json basis;
  std::optional<double> value;
  std::string as_of;
};

PeriodReading read_periods(const PerYearJudgement& judged, bool per_quarter, const std::string& listed_at) {
  PeriodReading read;
  Json periods = Json::array();
  std::string summary = per_quarter ? "逐季判断：" : "逐年判断：";
  for (const YearJudgement& period : judged.years) {
    Json one = {{"year", period.year},
                {"value", period.value ? Json(*period.value) : Json()},
                {"ended", period.ended},
                {"status", period.status}};
    std::string name = std::to_string(period.year) + " 年";
    if (per_quarter) {
      one["quarter"] = period.quarter;
      name += "第" + std::to_string(period.quarter) + "季度";
    }
    if (!listed_at.empty()) {
      one["listed_at"] = listed_at + "&year=" + std::to_string(period.year) +
                         (per_quarter ? "&quarter=" + std::to_string(period.quarter) : std::string());
    }
    periods.push_back(std::move(one));
    summary += name + (period.value ? std::to_string(static_cast<long long>(std::llround(*period.value))) : "无数据") +
               "（" + status_label(period.status) + "）；";
  }
  for (auto period = judged.years.rbegin(); period != judged.years.rend(); ++period) {
    if (!period->value) continue;
    read.value = period->value;
    read.as_of = std::to_string(period->year) + (per_quarter ? "-Q" + std::to_string(period->quarter) : "");
    break;
  }
  read.basis = {{"kind", per_quarter ? "per_quarter" : "per_year"}, {"years", periods}, {"summary", summary}};
  return read;
}

// A dated count as figures, one a year (or quarter) with records, dated inside it.
Result<std::vector<Figure>> dated_counts(store::Connection& connection, const KpiCount& count, bool per_quarter) {
  const std::string quarter = per_quarter && !count.quarter_column.empty() ? count.quarter_column : "NULL";
  const std::string groups = count.year_column + (quarter == "NULL" ? "" : ", " + quarter);
  Result<store::QueryResult> rows =
      connection.query("SELECT " + count.year_column + ", " + quarter + ", COUNT(*) " + count.from + " AND " +
                       count.year_column + " IS NOT NULL GROUP BY " + groups);
  if (!rows) return rows.error();
  std::vector<Figure> figures;
  for (const store::Row& row : rows->rows) {
    const std::int64_t year = store::as_integer(row[0]).value_or(0);
    const std::optional<std::int64_t> in_quarter = store::as_integer(row[1]);
    // A record dated by its year only counts towards the year, and to no quarter.
    if (per_quarter && !in_quarter) continue;
    const int month = in_quarter ? int(*in_quarter) * 3 - 1 : 7;
    char day[11];
    std::snprintf(day, sizeof day, "%04d-%02d-15", int(year), month);
    figures.push_back({day, double(store::as_integer(row[2]).value_or(0))});
  }
  return figures;
}

}  // namespace

const char* status_label(const std::string& status) {
  if (status == "green") return "已达标";
  if (status == "amber") return "可望达标";
  if (status == "red") return "未达标";
  return "暂无数据";
}

Result<Json> kpi_progress(store::Connection& connection, const KpiCounts& counts, const Json& kpi,
                          const std::string& today) {
  Json progress = Json::object();
  progress["kpi_id"] = kpi["id"];
  progress["name"] = kpi["name"];
  if (kpi.contains("name_en")) progress["name_en"] = kpi["name_en"];
  progress["unit"] = kpi.value("unit", "");
  progress["target"] = {{"kind", kpi["target_kind"]},
                        {"min", kpi["target_min"]},
                        {"max", kpi.value("target_max", Json())},
                        {"per_year", kpi.value("per_year", false)},
                        {"per_quarter", kpi.value("per_quarter", false)},
                        {"cumulative", kpi.value("cumulative", false)},
                        {"due_on", kpi["due_on"]}};
  progress["measure"] = kpi["measure"];
  if (kpi.contains("data_note")) progress["data_note"] = kpi["data_note"];
  const std::string due = kpi["due_on"].get<std::string>();

  // Dated figures, oldest first, each with who entered it (from the audit log).
  Result<store::QueryResult> rows = connection.query(
      "SELECT e.as_of, e.value, e.source, e.note, "
      "(SELECT MIN(a.actor) FROM audit_log a WHERE a.resource = 'kpi_entries' AND a.record_id = e.id "
      "AND a.action = 'create') FROM kpi_entries e WHERE e.kpi_id = ? AND e.deleted_at IS NULL ORDER BY e.as_of, e.id",
      {kpi["id"].get<std::string>()});
  if (!rows) return rows.error();
  Json history = Json::array();
  for (const store::Row& row : rows->rows) {
    history.push_back({{"as_of", store::as_text(row[0])},
                       {"value", store::as_real(row[1]).value_or(0)},
                       {"source", store::as_text(row[2])},
                       {"note", store::as_text(row[3])},
                       {"entered_by", store::as_text(row[4])}});
  }

  const KpiTarget target = target_of(kpi);
  std::optional<double> value;
  std::string as_of;
  Json forecast;
  Json basis;
  std::string status;
  const bool per_quarter = kpi.value("per_quarter", false);
  const bool periodic = kpi.value("per_year", false) || per_quarter;
  if (kpi["measure"] == "query") {
    const KpiCount* count = counts.find(kpi.value("measure_query", ""));
    if (!count) return Error::invalid("unknown measure_query for KPI " + kpi["id"].get<std::string>());
    if (periodic && !count->year_column.empty()) {
      Result<std::vector<Figure>> figures = dated_counts(connection, *count, per_quarter);
      if (!figures) return figures.error();
      Json counted = Json::array();
      for (const Figure& figure : figures.value())
        counted.push_back(
            {{"as_of", figure.as_of}, {"value", figure.value}, {"source", "counted from the records"}, {"note", ""}});
      Result<int> first_year =
          first_year_of(connection, kpi, counted.empty() ? Json::array({{{"as_of", today}}}) : counted);
      if (!first_year) return first_year.error();
      const PerYearJudgement judged =
          judge_per_period(target, figures.value(), first_year.value(), due, today, per_quarter);
      PeriodReading read = read_periods(judged, per_quarter, count->listed_at);
      value = read.value;
      as_of = read.as_of;
      basis = std::move(read.basis);
      basis["criterion"] = count->criterion;
      if (figures->empty()) basis["summary"] = "库中没有记录陈述此项：" + count->criterion + "，有人录入前为暂无数据";
      status = judged.status;
      history = std::move(counted);
    } else {
      Result<store::QueryResult> counted =
          connection.query("SELECT COUNT(*), COALESCE(SUM(synthetic), 0) " + count->from);
      if (!counted) return counted.error();
      const std::int64_t records = store::as_integer(counted->rows[0][0]).value_or(0);
      const std::int64_t synthetic = store::as_integer(counted->rows[0][1]).value_or(0);
      progress["synthetic_in_value"] = synthetic;
      basis = {{"kind", "count"},
               {"records", records},
               {"synthetic", synthetic},
               {"criterion", count->criterion},
               {"listed_at", count->listed_at}};
      // No record states it: nobody has entered it yet, which says nothing of the district.
      if (records == 0) {
        basis["summary"] = "库中没有记录陈述此项：" + count->criterion + "，有人录入前为暂无数据";
      } else {
        value = double(records);
        as_of = today;
        history.push_back({{"as_of", today}, {"value", *value}, {"source", "counted from the registry"}, {"note", ""}});
        basis["summary"] = "按库中记录计数：" + count->criterion + " " + std::to_string(records) + " 条" +
                           (synthetic > 0 ? "（其中 " + std::to_string(synthetic) + " 条为示例数据）" : "");
      }
      status = judge_value(target, value, std::nullopt, due, today);
    }
  } else if (history.empty()) {
    basis = {{"kind", "none"}, {"summary", "尚未录入任何进展数据"}};
    status = "no_data";
  } else if (periodic) {
    Result<int> first_year = first_year_of(connection, kpi, history);
    if (!first_year) return first_year.error();
    std::vector<Figure> figures;
    for (const Json& point : history) figures.push_back({point["as_of"], point["value"].get<double>()});
    const PerYearJudgement judged = judge_per_period(target, figures, first_year.value(), due, today, per_quarter);
    PeriodReading read = read_periods(judged, per_quarter, "");
    value = read.value;
    as_of = read.as_of;
    basis = std::move(read.basis);
    status = judged.status;
  } else {
    const Json& latest = history.back();
    value = latest["value"].get<double>();
    as_of = latest["as_of"].get<std::string>();
    if (kpi.value("cumulative", false) && kpi.contains("baseline")) *value -= kpi["baseline"].get<double>();
    forecast = forecast_of(history, due);
    basis = {{"kind", "figure"},
             {"as_of", as_of},
             {"source", latest["source"]},
             {"entered_by", latest["entered_by"]},
             {"summary", "最近一次填报：" + as_of + "，来源：" + latest["source"].get<std::string>()}};
    status = judge_value(target, value, forecast.is_null() ? std::nullopt : std::optional<double>(forecast["value"]),
                         due, today);
  }
  progress["value"] = value ? Json(*value) : Json();
  progress["as_of"] = as_of.empty() ? Json() : Json(as_of);
  progress["history"] = history;
  progress["forecast"] = forecast;
  progress["basis"] = basis;
  progress["status"] = status;
  return progress;
}

Result<Json> all_kpi_progress(store::Connection& connection, const KpiCounts& counts, const std::string& plan_id,
                              const std::string& today) {
  records::ListQuery query;
  if (!plan_id.empty()) query.filters = {{"plan_id", plan_id}};
  query.limit = records::kMaxPageSize;
  Result<records::Page> page = records::list_records(connection, plan_resource("kpis"), query);
  if (!page) return page.error();
  Json items = Json::array();
  Json statuses = Json::object();
  for (const Json& kpi : page->items) {
    Result<Json> progress = kpi_progress(connection, counts, kpi, today);
    if (!progress) return progress.error();
    const std::string status = progress.value()["status"].get<std::string>();
    statuses[status] = statuses.value(status, 0) + 1;
    items.push_back(std::move(progress.value()));
  }
  return Json{{"items", items}, {"total", items.size()}, {"by_status", statuses}, {"as_of", today}};
}

}  // namespace alley::plans
