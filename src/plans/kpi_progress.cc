#include "plans/kpi_progress.h"

#include <chrono>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "plans/resources.h"
#include "records/repository.h"

namespace alley::plans {
namespace {

// The registry counts behind query KPIs; each also says how much of it is synthetic.
const std::map<std::string, std::string> kQueries = {
    {"high_growth_enterprises",
     "FROM organizations WHERE deleted_at IS NULL AND kind = 'enterprise' AND high_growth = 1 "
     "AND (pipeline_status IS NULL OR pipeline_status = 'landed')"},
    {"innovation_spaces", "FROM places WHERE deleted_at IS NULL AND type = 'innovation_space'"},
    {"alliances", "FROM organizations WHERE deleted_at IS NULL AND kind = 'alliance'"},
    {"incubators", "FROM organizations WHERE deleted_at IS NULL AND kind = 'incubator'"},
};

long days_since_epoch(const std::string& date) {
  using namespace std::chrono;
  const year_month_day ymd{year{std::stoi(date.substr(0, 4))}, month{unsigned(std::stoi(date.substr(5, 2)))},
                           day{unsigned(std::stoi(date.substr(8, 2)))}};
  return long(sys_days(ymd).time_since_epoch().count());
}

bool meets(const Json& kpi, double value) {
  const double low = kpi["target_min"].get<double>();
  if (kpi["target_kind"] == "exactly") return std::fabs(value - low) < 1e-9;
  return value >= low;
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

  std::optional<double> value;
  std::string as_of;
  if (kpi["measure"] == "query") {
    auto sql = kQueries.find(kpi.value("measure_query", ""));
    if (sql == kQueries.end()) return Error::invalid("unknown measure_query for KPI " + kpi["id"].get<std::string>());
    Result<store::QueryResult> counted =
        connection.query("SELECT COUNT(*), COALESCE(SUM(synthetic), 0) " + sql->second);
    if (!counted) return counted.error();
    value = double(store::as_integer(counted->rows[0][0]).value_or(0));
    progress["synthetic_in_value"] = store::as_integer(counted->rows[0][1]).value_or(0);
    as_of = today;
    history.push_back({{"as_of", today}, {"value", *value}, {"source", "counted from the registry"}, {"note", ""}});
  } else if (!history.empty()) {
    if (kpi.value("per_year", false)) {
      // A per-year target: the sum of the latest year with figures.
      const std::string year = history.back()["as_of"].get<std::string>().substr(0, 4);
      double sum = 0;
      for (const Json& point : history) {
        if (point["as_of"].get<std::string>().starts_with(year)) sum += point["value"].get<double>();
      }
      value = sum;
      as_of = year;
    } else {
      value = history.back()["value"].get<double>();
      as_of = history.back()["as_of"].get<std::string>();
    }
  }
  if (value && kpi.value("cumulative", false) && kpi.contains("baseline")) *value -= kpi["baseline"].get<double>();
  progress["value"] = value ? Json(*value) : Json();
  progress["as_of"] = as_of.empty() ? Json() : Json(as_of);
  progress["history"] = history;

  // A least-squares line through the dated figures, read at the due date.
  Json forecast;
  if (!kpi.value("per_year", false) && history.size() >= 2) {
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
    if (spread > 0) {
      const double slope = (n * sxy - sx * sy) / spread;
      const double intercept = (sy - slope * sx) / n;
      forecast = {{"on", due}, {"value", intercept + slope * double(days_since_epoch(due))}};
    }
  }
  progress["forecast"] = forecast;

  std::string status = "no_data";
  if (value) {
    if (meets(kpi, *value)) {
      status = "green";
    } else if (due >= today && !forecast.is_null() && meets(kpi, forecast["value"].get<double>())) {
      status = "amber";
    } else {
      status = "red";
    }
  }
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
