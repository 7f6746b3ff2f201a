#include "plans/module.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "app/app.h"
#include "plans/kpi_counts.h"
#include "plans/resources.h"
#include "plans/task_progress.h"
#include "records/common_fields.h"

namespace alley::plans {
namespace {

using access::Access;
using records::record_table_sql;

store::Migration plans_migration() {
  const std::string sql =
      record_table_sql("plans",
                       "issuer TEXT, department_id TEXT REFERENCES departments(id), document_number TEXT, "
                       "period_start TEXT, period_end TEXT, plan_version TEXT, version_of TEXT REFERENCES plans(id), "
                       "stated_project_count INTEGER") +
      record_table_sql(
          "tasks",
          "plan_id TEXT NOT NULL REFERENCES plans(id), parent_id TEXT REFERENCES tasks(id), kind TEXT NOT "
          "NULL, number TEXT, sort_order INTEGER, lead_department_ids TEXT, co_department_ids TEXT, status "
          "TEXT, due_on TEXT, evidence TEXT, evidence_links TEXT, maps_to_id TEXT REFERENCES tasks(id)") +
      record_table_sql(
          "kpis",
          "plan_id TEXT NOT NULL REFERENCES plans(id), task_id TEXT REFERENCES tasks(id), unit TEXT, "
          "target_kind TEXT NOT NULL, target_min DOUBLE PRECISION NOT NULL, target_max DOUBLE PRECISION, "
          "per_year INTEGER, cumulative INTEGER, baseline DOUBLE PRECISION, baseline_on TEXT, due_on TEXT "
          "NOT NULL, measure TEXT NOT NULL, measure_query TEXT, lead_department_ids TEXT, data_note TEXT") +
      record_table_sql(
          "kpi_entries",
          "kpi_id TEXT NOT NULL REFERENCES kpis(id), value DOUBLE PRECISION NOT NULL, as_of TEXT NOT NULL, "
          "note TEXT") +
      "CREATE INDEX tasks_plan ON tasks(plan_id);"
      "CREATE INDEX tasks_parent ON tasks(parent_id);"
      "CREATE INDEX kpi_entries_kpi ON kpi_entries(kpi_id, as_of);";
  using store::TableSpec;
  return {5,
          "plans",
          sql,
          {TableSpec("plans").parents_in({"version_of"}), TableSpec("tasks").parents_in({"parent_id", "maps_to_id"}),
           TableSpec("kpis"), TableSpec("kpi_entries")}};
}

// Whether a JSON array of department ids names `department`.
bool lists(const Json& departments, const std::string& department) {
  if (!departments.is_array()) return false;
  return std::any_of(departments.begin(), departments.end(), [&](const Json& id) { return id == Json(department); });
}

// A task belongs to its lead departments; staff creating one without leads lead it.
Status guard_task(const access::User& user, store::Connection&, const std::optional<Json>& current, Json* body) {
  const std::string& mine = user.department_id;
  if (!current && body && body->is_object() && !body->contains("lead_department_ids")) {
    (*body)["lead_department_ids"] = Json::array({mine});
  }
  const Json* task = current ? &*current : body;
  if (!task || !task->is_object() || !lists(task->value("lead_department_ids", Json()), mine)) {
    return Error{ErrorCode::kForbidden, "only a lead department of the task may change it (只有牵头部门可以修改)", {}};
  }
  // Its leads stay with it: handing a task to another department is the administrators'.
  if (current && body && body->is_object() && body->contains("lead_department_ids") &&
      !lists((*body)["lead_department_ids"], mine)) {
    return Error{ErrorCode::kForbidden,
                 "only administrators hand a task to another department",
                 {{"lead_department_ids", "must still name your department"}}};
  }
  return ok_status();
}

// Figures are entered by the KPI's lead departments, and stay with a KPI of
// theirs: both the KPI a figure belongs to and the one a write moves it to.
Status guard_kpi_entry(const access::User& user, store::Connection& connection, const std::optional<Json>& current,
                       Json* body) {
  std::vector<std::string> kpis;
  if (current) kpis.push_back(current->value("kpi_id", ""));
  if (body && body->is_object() && body->contains("kpi_id") && (*body)["kpi_id"].is_string()) {
    kpis.push_back((*body)["kpi_id"].get<std::string>());
  }
  for (const std::string& kpi : kpis) {
    if (kpi.empty()) continue;  // validation will say kpi_id is required
    Result<store::QueryResult> rows = connection.query("SELECT lead_department_ids FROM kpis WHERE id = ?", {kpi});
    if (!rows) return rows.error();
    if (rows->rows.empty()) continue;  // the reference check will say it does not exist
    if (!lists(Json::parse(store::as_text(rows->rows[0][0], "[]"), nullptr, false), user.department_id)) {
      return Error{ErrorCode::kForbidden,
                   "only a lead department of the KPI may enter its figures (只有牵头部门可以填报)",
                   {{"kpi_id", "is not a KPI your department leads"}}};
    }
  }
  return ok_status();
}

// A KPI measured by query picks its count by name on its form.
void offer_count(catalog::Catalog& catalog, const std::string& name, const KpiCount& count) {
  for (records::FieldSpec& field : catalog.resource("kpis").fields) {
    if (field.name != "measure_query") continue;
    field.values.push_back(name);
    field.value_labels.emplace_back(count.label, count.label_en);
  }
}

}  // namespace

void register_module(app::App& app) {
  catalog::Catalog& catalog = app.catalog();
  catalog.add_migration(plans_migration());
  catalog.add_migration(task_events_migration());
  catalog.add_migration({17, "task deadline basis", "ALTER TABLE tasks ADD COLUMN due_on_basis TEXT;"});
  for (records::ResourceSchema& resource : plan_resources()) {
    // Plans and KPIs are the administrators'; tasks and figures their lead departments'.
    if (resource.name == "tasks") {
      resource.write_access = Access::kStaff;
      resource.staff_guard = guard_task;
      resource.lifecycle = task_progress_lifecycle();
      resource.accepts_attachments = true;
    } else if (resource.name == "kpi_entries") {
      resource.write_access = Access::kStaff;
      resource.staff_guard = guard_kpi_entry;
    }
    catalog.add_resource(std::move(resource));
  }
  catalog.add_migration({26, "per-quarter KPI targets", "ALTER TABLE kpis ADD COLUMN per_quarter INTEGER;"});
  auto counts = std::make_shared<KpiCounts>();
  app.provide(counts);
  for (const auto& [name, count] : counts->all()) offer_count(catalog, name, count);
  catalog.add_routes([&app](http::Router& router) { add_routes(router, app); });
}

void add_kpi_count(app::App& app, std::string name, KpiCount count) {
  KpiCounts* counts = app.find_service<KpiCounts>();
  if (!counts) throw std::logic_error("a KPI count needs the plans module registered first");
  offer_count(app.catalog(), name, count);
  counts->add(std::move(name), std::move(count));
}

const KpiCounts& kpi_counts(const app::App& app) {
  const KpiCounts* counts = app.find_service<KpiCounts>();
  if (!counts) throw std::logic_error("KPI counts need the plans module registered");
  return *counts;
}

}  // namespace alley::plans
