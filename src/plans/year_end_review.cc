#include "plans/year_end_review.h"

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "plans/department_names.h"
#include "plans/kpi_progress.h"
#include "plans/resources.h"
#include "records/repository.h"

namespace alley::plans {
namespace {

// done, overdue, in_progress or not_started — dropped tasks are not judged.
std::string standing_of(const Json& task, const std::string& judged_on) {
  const std::string status = task.value("status", "not_started");
  if (status == "done" || status == "dropped") return status;
  if (task.contains("due_on") && task["due_on"].get<std::string>() < judged_on) return "overdue";
  return status == "in_progress" ? "in_progress" : "not_started";
}

bool in_year(const Json& task, const std::map<std::string, Json>& plans, int year) {
  const std::string prefix = std::to_string(year);
  if (task.contains("due_on")) return task["due_on"].get<std::string>().starts_with(prefix);
  auto plan = plans.find(task["plan_id"].get<std::string>());
  if (plan == plans.end()) return false;
  const std::string start = plan->second.value("period_start", "0000"), end = plan->second.value("period_end", "9999");
  return start.substr(0, 4) <= prefix && prefix <= end.substr(0, 4);
}

Json task_entry(const Json& task, const std::string& standing, bool co_lead) {
  Json entry = {{"id", task["id"]}, {"name", task["name"]}, {"plan_id", task["plan_id"]}, {"standing", standing}};
  for (const char* field : {"number", "due_on", "due_on_basis", "evidence", "evidence_links"}) {
    if (task.contains(field)) entry[field] = task[field];
  }
  if (co_lead) entry["co_lead"] = true;
  return entry;
}

Json empty_counts() { return {{"done", 0}, {"in_progress", 0}, {"overdue", 0}, {"not_started", 0}}; }

}  // namespace

Result<Json> year_end_review(store::Connection& connection, const KpiCounts& counts, int year,
                             const std::string& today) {
  if (year < 2000 || year > 2100) return Error::invalid("year must be from 2000 to 2100", {{"year", "out of range"}});
  // Judged at the end of the year, or today while the year is under way.
  const std::string year_end = std::to_string(year + 1) + "-01-01";
  const std::string judged_on = std::min(today, year_end);

  Result<std::vector<Json>> plan_list = records::list_all_records(connection, plan_resource("plans"));
  if (!plan_list) return plan_list.error();
  std::map<std::string, Json> plans;
  for (Json& plan : plan_list.value()) {
    const std::string id = plan["id"].get<std::string>();  // read before the move: the assignment's
    plans[id] = std::move(plan);                           // right side is evaluated first
  }
  Result<std::vector<Json>> tasks = records::list_all_records(connection, plan_resource("tasks"));
  if (!tasks) return tasks.error();
  Result<std::map<std::string, std::string>> names = department_names(connection);
  if (!names) return names.error();

  std::map<std::string, Json> departments, plan_rows;
  auto department = [&](const std::string& id) -> Json& {
    auto [found, added] = departments.try_emplace(id);
    if (added) {
      auto name = names->find(id);
      found->second = {{"id", id},
                       {"name", name == names->end() ? id : name->second},
                       {"counts", empty_counts()},
                       {"tasks", Json::array()},
                       {"kpis", Json::array()}};
    }
    return found->second;
  };
  for (const Json& task : tasks.value()) {
    const std::string kind = task["kind"].get<std::string>();
    if (kind == "goal_area" || kind == "safeguard" || !in_year(task, plans, year)) continue;
    const std::string standing = standing_of(task, judged_on);
    if (standing == "dropped") continue;
    const std::string plan_id = task["plan_id"].get<std::string>();
    auto [row, added] = plan_rows.try_emplace(plan_id);
    if (added)
      row->second = {{"id", plan_id},
                     {"name", plans[plan_id].value("name", plan_id)},
                     {"counts", empty_counts()},
                     {"tasks", Json::array()}};
    row->second["counts"][standing] = row->second["counts"][standing].get<int>() + 1;
    // Every counted task is listed under its plan, those no department answers for too.
    Json listed = task_entry(task, standing, false);
    listed.erase("co_lead");
    listed["lead_department_ids"] = task.value("lead_department_ids", Json::array());
    row->second["tasks"].push_back(std::move(listed));
    for (const char* role : {"lead_department_ids", "co_department_ids"}) {
      for (const Json& id : task.value(role, Json::array())) {
        Json& answering = department(id.get<std::string>());
        answering["tasks"].push_back(task_entry(task, standing, std::string(role) == "co_department_ids"));
        answering["counts"][standing] = answering["counts"][standing].get<int>() + 1;
      }
    }
  }

  // The KPIs due by the end of the year's plans, with what their status rests on.
  Result<Json> kpis = all_kpi_progress(connection, counts, "", judged_on);
  if (!kpis) return kpis.error();
  Result<std::vector<Json>> kpi_records = records::list_all_records(connection, plan_resource("kpis"));
  if (!kpi_records) return kpi_records.error();
  std::map<std::string, Json> leads;
  for (const Json& kpi : kpi_records.value())
    leads[kpi["id"].get<std::string>()] = kpi.value("lead_department_ids", Json::array());
  for (const Json& progress : kpis.value()["items"]) {
    Json entry = {{"kpi_id", progress["kpi_id"]}, {"name", progress["name"]},     {"status", progress["status"]},
                  {"value", progress["value"]},   {"target", progress["target"]}, {"basis", progress["basis"]}};
    for (const Json& id : leads[progress["kpi_id"].get<std::string>()])
      department(id.get<std::string>())["kpis"].push_back(entry);
  }

  Json department_list = Json::array(), plan_list_json = Json::array();
  for (auto& [id, row] : departments) department_list.push_back(std::move(row));
  for (auto& [id, row] : plan_rows) plan_list_json.push_back(std::move(row));
  return Json{{"year", year},
              {"judged_on", judged_on},
              {"departments", department_list},
              {"plans", plan_list_json},
              {"kpis_by_status", kpis.value()["by_status"]}};
}

const char* standing_label(const std::string& standing) {
  if (standing == "done") return "已完成";
  if (standing == "in_progress") return "推进中";
  if (standing == "overdue") return "已逾期";
  return "未开始";
}

std::string figure_text(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

std::string target_text(const Json& target) {
  std::string text = figure_text(target["min"].get<double>());
  if (target["kind"] == "range" && target["max"].is_number()) text += "–" + figure_text(target["max"].get<double>());
  if (target.value("per_year", false)) text += "/年";
  return text;
}

}  // namespace alley::plans
