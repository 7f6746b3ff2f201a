#include "http/record_permissions.h"

#include <nlohmann/json.hpp>

#include "http/access.h"

namespace alley::http {
namespace {

constexpr const char* kResponsible = "responsible_department_id";

Error not_yours(const std::string& owner) {
  return {ErrorCode::kForbidden,
          "only staff of the responsible department (" + (owner.empty() ? std::string("none: administrators only") : owner) +
              ") may change this record (只有负责部门可以修改)",
          {}};
}

Result<std::string> place_department(store::Connection& connection, const std::string& place_id) {
  Result<store::QueryResult> rows =
      connection.query("SELECT responsible_department_id FROM places WHERE id = ?", {place_id});
  if (!rows) return rows.error();
  return rows->rows.empty() ? std::string() : store::as_text(rows->rows[0][0]);
}

// Whether a JSON array of department ids names `department`.
bool lists(const Json& departments, const std::string& department) {
  if (!departments.is_array()) return false;
  return std::any_of(departments.begin(), departments.end(), [&](const Json& id) { return id == Json(department); });
}

}  // namespace

registry::Actor writer_of(const RequestContext& context) {
  registry::Writer standing = registry::Writer::kOwner;
  if (context.user && context.user->role == "admin") {
    standing = registry::Writer::kAdmin;
  } else if (is_staff(context)) {
    standing = registry::Writer::kStaff;
  }
  return {context.actor_name(), standing};
}

Status check_record_permission(const RequestContext& context, const registry::ResourceSchema& schema,
                               store::Connection& connection, const std::optional<Json>& current, Json* body) {
  if (!context.user || context.user->role == "admin") return ok_status();
  const std::string& role = context.user->role;
  if (role == "enterprise") {
    const bool own = schema.name == "organizations" && current && current->value("id", "") == context.user->org_id;
    if (own) return ok_status();
    return Error{ErrorCode::kForbidden, "you may change only your own organization (只能修改本企业信息)", {}};
  }
  if (!is_staff(context) || schema.name == "talents") return ok_status();
  const std::string& mine = context.user->department_id;
  if (schema.name == "organizations" || schema.name == "places") {
    if (current && current->value(kResponsible, "") != mine) return not_yours(current->value(kResponsible, ""));
    if (body && body->is_object()) {
      if (!current && !body->contains(kResponsible)) (*body)[kResponsible] = mine;
      if (body->contains(kResponsible) && (*body)[kResponsible] != Json(mine)) {
        return Error{ErrorCode::kForbidden, "only administrators hand a record to another department", {}};
      }
    }
    return ok_status();
  }
  if (schema.name == "spaces") {
    std::vector<std::string> places;
    if (current && current->contains("place_id")) places.push_back((*current)["place_id"].get<std::string>());
    if (body && body->is_object() && body->contains("place_id") && (*body)["place_id"].is_string()) {
      places.push_back((*body)["place_id"].get<std::string>());
    }
    for (const std::string& place : places) {
      Result<std::string> owner = place_department(connection, place);
      if (!owner) return owner.error();
      if (owner.value() != mine) return not_yours(owner.value());
    }
    return ok_status();
  }
  if (schema.name == "tasks") {
    // A task belongs to its lead departments; staff creating one without leads lead it.
    if (!current && body && body->is_object() && !body->contains("lead_department_ids")) {
      (*body)["lead_department_ids"] = Json::array({mine});
    }
    const Json* task = current ? &*current : body;
    if (!task || !task->is_object() || !lists(task->value("lead_department_ids", Json()), mine)) {
      return Error{
          ErrorCode::kForbidden, "only a lead department of the task may change it (只有牵头部门可以修改)", {}};
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
  if (schema.name == "kpi_entries") {
    // Figures are entered by the KPI's lead departments, and stay with a KPI
    // of theirs: both the KPI a figure belongs to and the one a write moves it to.
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
      if (!lists(Json::parse(store::as_text(rows->rows[0][0], "[]"), nullptr, false), mine)) {
        return Error{ErrorCode::kForbidden,
                     "only a lead department of the KPI may enter its figures (只有牵头部门可以填报)",
                     {{"kpi_id", "is not a KPI your department leads"}}};
      }
    }
    return ok_status();
  }
  // Departments, areas and roads are the administrators' (their routes say so).
  return Error{ErrorCode::kForbidden, "administrators maintain these records", {}};
}

}  // namespace alley::http
