#include "records/data_scope.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "records/geometry_json.h"
#include "store/database.h"

namespace alley::records {

Error not_your_department(const std::string& owner) {
  return Error(ErrorCode::kForbidden, "only staff of the responsible department (" +
                                          (owner.empty() ? std::string("none: administrators only") : owner) +
                                          ") may change this record")
      .in_chinese(owner.empty() ? "此记录没有负责部门，只有管理员可以修改" : "只有负责部门可以修改此记录");
}

RecordGuard guard_by_department(std::string field) {
  return
      [field](const access::User& user, store::Connection&, const std::optional<Json>& current, Json* body) -> Status {
        const std::string& mine = user.department_id;
        if (current && current->value(field, "") != mine) return not_your_department(current->value(field, ""));
        if (body && body->is_object()) {
          if (!current && !body->contains(field)) (*body)[field] = mine;
          if (body->contains(field) && (*body)[field] != Json(mine)) {
            return Error(ErrorCode::kForbidden, "only administrators hand a record to another department")
                .in_chinese("只有管理员可以把记录转交其他部门");
          }
        }
        return ok_status();
      };
}

namespace {
bool lists(const Json& record, const std::string& field, const std::string& value) {
  const Json* list = record.contains(field) ? &record[field] : nullptr;
  return list && list->is_array() && std::find(list->begin(), list->end(), Json(value)) != list->end();
}
}  // namespace

RecordGuard guard_by_departments(std::string list_field) {
  return [list_field](const access::User& user, store::Connection&, const std::optional<Json>& current,
                      Json* body) -> Status {
    const std::string& mine = user.department_id;
    if (current && !lists(*current, list_field, mine)) {
      const Json owners = current->value(list_field, Json::array());
      return not_your_department(owners.empty() ? std::string() : owners[0].get<std::string>());
    }
    if (body && body->is_object()) {
      if (!current && !body->contains(list_field)) (*body)[list_field] = Json::array({mine});
      if (body->contains(list_field) && (*body)[list_field].is_array() && !lists(*body, list_field, mine)) {
        return Error(ErrorCode::kForbidden, "only administrators hand a record to another department")
            .in_chinese("只有管理员可以把记录转交其他部门");
      }
    }
    return ok_status();
  };
}

RecordGuard guard_through(std::string reference, std::string table, std::string department_column) {
  return [reference, table, department_column](const access::User& user, store::Connection& connection,
                                               const std::optional<Json>& current, Json* body) -> Status {
    std::vector<std::string> targets;
    if (current && current->contains(reference)) targets.push_back((*current)[reference].get<std::string>());
    if (body && body->is_object() && body->contains(reference) && (*body)[reference].is_string()) {
      targets.push_back((*body)[reference].get<std::string>());
    }
    for (const std::string& target : targets) {
      Result<store::QueryResult> rows =
          connection.query("SELECT " + department_column + " FROM " + table + " WHERE id = ?", {target});
      if (!rows) return rows.error();
      const std::string owner = rows->rows.empty() ? std::string() : store::as_text(rows->rows[0][0]);
      if (owner != user.department_id) return not_your_department(owner);
    }
    return ok_status();
  };
}

RecordGuard any_staff() {
  return [](const access::User&, store::Connection&, const std::optional<Json>&, Json*) { return ok_status(); };
}

Result<bool> in_territory(store::Connection& connection, const Territories& territories,
                          const std::string& department_id, double lon, double lat) {
  Result<store::QueryResult> areas = connection.query(
      "SELECT " + territories.geometry_field + " FROM " + territories.table + " WHERE " + territories.department_field +
          " = ? AND " + territories.geometry_field + " IS NOT NULL AND deleted_at IS NULL",
      {department_id});
  if (!areas) return areas.error();
  for (const store::Row& row : areas->rows) {
    const Json geometry = Json::parse(store::as_text(row[0]), nullptr, false);
    if (geometry.is_object() && geo::contains(polygons_from_geojson(geometry), geo::LonLat{lon, lat})) return true;
  }
  return false;
}

namespace {

// The position of a record (or of the record it refers to); nullopt when it has none.
Result<std::optional<std::pair<double, double>>> position(store::Connection& connection, const PositionOf& where,
                                                          const Json& record) {
  using Position = std::optional<std::pair<double, double>>;
  if (where.through.empty()) {
    if (!record.contains("lon") || !record.contains("lat") || !record["lon"].is_number() ||
        !record["lat"].is_number()) {
      return Position();
    }
    return Position(std::pair{record["lon"].get<double>(), record["lat"].get<double>()});
  }
  if (!record.contains(where.through) || !record[where.through].is_string()) return Position();
  Result<store::QueryResult> rows = connection.query("SELECT lon, lat FROM " + where.table + " WHERE id = ?",
                                                     {record[where.through].get<std::string>()});
  if (!rows) return rows.error();
  if (rows->rows.empty()) return Position();
  const std::optional<double> lon = store::as_real(rows->rows[0][0]);
  const std::optional<double> lat = store::as_real(rows->rows[0][1]);
  if (!lon || !lat) return Position();
  return Position(std::pair{*lon, *lat});
}

}  // namespace

RecordGuard guard_by_geography(PositionOf where, Territories territories) {
  return [where, territories](const access::User& user, store::Connection& connection,
                              const std::optional<Json>& current, Json* body) -> Status {
    std::vector<Json> states;
    if (current) states.push_back(*current);
    if (body && body->is_object()) {
      Json after = current ? *current : Json::object();
      for (const auto& item : body->items()) after[item.key()] = item.value();  // the write's outcome, as a merge patch
      states.push_back(std::move(after));
    }
    for (const Json& state : states) {
      Result<std::optional<std::pair<double, double>>> at = position(connection, where, state);
      if (!at) return at.error();
      bool inside = false;
      if (at.value()) {
        Result<bool> covered =
            in_territory(connection, territories, user.department_id, at.value()->first, at.value()->second);
        if (!covered) return covered.error();
        inside = covered.value();
      }
      if (!inside) {
        return Error(ErrorCode::kForbidden, "this record does not lie within the areas your department answers for")
            .in_chinese("此记录不在本街道辖区内");
      }
    }
    return ok_status();
  };
}

RecordGuard either(RecordGuard first, RecordGuard second) {
  return [first, second](const access::User& user, store::Connection& connection, const std::optional<Json>& current,
                         Json* body) -> Status {
    // The first may complete the body (a responsible department); try the second on what the caller sent.
    Json original = body ? *body : Json();
    Status allowed = first(user, connection, current, body);
    if (allowed) return allowed;
    if (body) *body = original;
    if (second(user, connection, current, body)) return ok_status();
    return allowed;
  };
}

}  // namespace alley::records
