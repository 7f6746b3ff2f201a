#include "plans/kpi_progress.h"

#include <chrono>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "plans/kpi_judgement.h"
#include "plans/resources.h"
#include "records/repository.h"

namespace alley::plans {
namespace {

// The registry counts behind query KPIs. Each counts a fact stated on the
// record (a verified mark, a certification, a stated type), never one inferred
// from another field; each also says how much of it is synthetic.
struct CountQuery {
  const char* from;       // FROM … WHERE …
  const char* criterion;  // what is counted, as the basis reads
};
const std::map<std::string, CountQuery> kQueries = {
    {"high_growth_enterprises",
     {"FROM organizations WHERE deleted_at IS NULL AND kind = 'enterprise' AND high_growth = 1 "
      "AND (pipeline_status IS NULL OR pipeline_status = 'landed')",
      "经区级部门核实标记为高成长性科技企业、且已落地（或不在招商名单上）的企业"}},
    {"innovation_spaces",
     {"FROM places WHERE deleted_at IS NULL AND type = 'innovation_space'", "类型为科创空间的场所"}},
    {"alliances", {"FROM organizations WHERE deleted_at IS NULL AND kind = 'alliance'", "类别为联盟的机构"}},
    {"incubators",
     {"FROM organizations WHERE deleted_at IS NULL AND certifications LIKE '%\"高质量孵化器\"%'",
      "资质认定中载有“高质量孵化器”的机构（按认定计，不按机构类别推断）"}},
};

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

}  // namespace

const char* status_label(const std::string& status) {
  if (status == "green") return "已达标";
  if (status == "amber") return "可望达标";
  if (status == "red") return "未达标";
  return "暂无数据";
}

Result<Json> kpi_progress(store::Connection& connection, const Json& kpi, const std::string& today) {
  Json progress = Json::object();
  progress["kpi_id"] = kpi["id"];
  progress["name"] = kpi["name"];
  if (kpi.contains("name_en")) progress["name_en"] = kpi["name_en"];
  progress["unit"] = kpi.value("unit", "");
  progress["target"] = {{"kind", kpi["target_kind"]},
                        {"min", kpi["target_min"]},
                        {"max", kpi.value("target_max", Json())},
                        {"per_year", kpi.value("per_year", false)},
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
  if (kpi["measure"] == "query") {
    auto query = kQueries.find(kpi.value("measure_query", ""));
    if (query == kQueries.end()) return Error::invalid("unknown measure_query for KPI " + kpi["id"].get<std::string>());
    Result<store::QueryResult> counted =
        connection.query(std::string("SELECT COUNT(*), COALESCE(SUM(synthetic), 0) ") + query->second.from);
    if (!counted) return counted.error();
    const std::int64_t records = store::as_integer(counted->rows[0][0]).value_or(0);
    const std::int64_t synthetic = store::as_integer(counted->rows[0][1]).value_or(0);
    progress["synthetic_in_value"] = synthetic;
    basis = {{"kind", "count"}, {"records", records}, {"synthetic", synthetic}, {"criterion", query->second.criterion}};
    // No record states it: nobody has entered it yet, which says nothing of the district.
    if (records == 0) {
      basis["summary"] = std::string("库中没有记录陈述此项：") + query->second.criterion + "，有人录入前为暂无数据";
    } else {
      value = double(records);
      as_of = today;
      history.push_back({{"as_of", today}, {"value", *value}, {"source", "counted from the registry"}, {"note", ""}});
      basis["summary"] = "按库中记录计数：" + std::string(query->second.criterion) + " " + std::to_string(records) +
                         " 条" + (synthetic > 0 ? "（其中 " + std::to_string(synthetic) + " 条为示例数据）" : "");
    }
    status = judge_value(target, value, std::nullopt, due, today);
  } else if (history.empty()) {
    basis = {{"kind", "none"}, {"summary", "尚未录入任何进展数据"}};
    status = "no_data";
  } else if (kpi.value("per_year", false)) {
    Result<int> first_year = first_year_of(connection, kpi, history);
    if (!first_year) return first_year.error();
    std::vector<Figure> figures;
    for (const Json& point : history) figures.push_back({point["as_of"], point["value"].get<double>()});
    const PerYearJudgement judged = judge_per_year(target, figures, first_year.value(), due, today);
    Json years = Json::array();
    std::string summary = "逐年判断：";
    for (const YearJudgement& year : judged.years) {
      years.push_back({{"year", year.year},
                       {"value", year.value ? Json(*year.value) : Json()},
                       {"ended", year.ended},
                       {"status", year.status}});
      summary += std::to_string(year.year) + " 年" +
                 (year.value ? std::to_string(static_cast<long long>(std::llround(*year.value))) : "无数据") + "（" +
                 status_label(year.status) + "）；";
    }
    // The value shown is the latest year with figures.
    for (auto year = judged.years.rbegin(); year != judged.years.rend(); ++year) {
      if (!year->value) continue;
      value = year->value;
      as_of = std::to_string(year->year);
      break;
    }
    basis = {{"kind", "per_year"}, {"years", years}, {"summary", summary}};
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

Result<Json> all_kpi_progress(store::Connection& connection, const std::string& plan_id, const std::string& today) {
  records::ListQuery query;
  if (!plan_id.empty()) query.filters = {{"plan_id", plan_id}};
  query.limit = records::kMaxPageSize;
  Result<records::Page> page = records::list_records(connection, plan_resource("kpis"), query);
  if (!page) return page.error();
  Json items = Json::array();
  Json statuses = Json::object();
  for (const Json& kpi : page->items) {
    Result<Json> progress = kpi_progress(connection, kpi, today);
    if (!progress) return progress.error();
    const std::string status = progress.value()["status"].get<std::string>();
    statuses[status] = statuses.value(status, 0) + 1;
    items.push_back(std::move(progress.value()));
  }
  return Json{{"items", items}, {"total", items.size()}, {"by_status", statuses}, {"as_of", today}};
}

}  // namespace alley::plans
