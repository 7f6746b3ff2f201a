#include "registry/registry_stats.h"

#include <nlohmann/json.hpp>

#include "registry/resources.h"

namespace alley::registry {
namespace {

// {value: count} for `SELECT value, COUNT(*) …` rows.
Result<Json> counts(store::Connection& connection, const std::string& sql) {
  Result<store::QueryResult> rows = connection.query(sql);
  if (!rows) return rows.error();
  Json out = Json::object();
  for (const store::Row& row : rows->rows) {
    out[store::is_null(row[0]) ? "unknown" : store::as_text(row[0])] = store::as_integer(row[1]).value_or(0);
  }
  return out;
}

Result<Json> grouped(store::Connection& connection, const std::string& table, const std::string& column) {
  return counts(connection, "SELECT " + column + ", COUNT(*) FROM " + table + " WHERE deleted_at IS NULL GROUP BY " +
                                column + " ORDER BY " + column);
}

Result<std::int64_t> scalar(store::Connection& connection, const std::string& sql) {
  Result<store::QueryResult> rows = connection.query(sql);
  if (!rows) return rows.error();
  return store::as_integer(rows->rows.at(0)[0]).value_or(0);
}

}  // namespace

Result<Json> registry_stats(store::Connection& connection, bool with_private_fields) {
  Json stats = Json::object();
  const bool sqlite = connection.dialect() == store::Dialect::kSqlite;
  const records::ResourceSchema& schema = organization_schema();
  const auto shown = [&](const std::string& field) { return with_private_fields || schema.find(field)->is_public; };

  Json organizations = Json::object();
  for (const auto& [key, sql] : std::vector<std::pair<std::string, std::string>>{
           {"total", "SELECT COUNT(*) FROM organizations WHERE deleted_at IS NULL"},
           {"synthetic", "SELECT COUNT(*) FROM organizations WHERE deleted_at IS NULL AND synthetic = 1"},
           {"high_growth", "SELECT COUNT(*) FROM organizations WHERE deleted_at IS NULL AND high_growth = 1"}}) {
    if (key == "high_growth" && !shown(key)) continue;
    Result<std::int64_t> value = scalar(connection, sql);
    if (!value) return value.error();
    organizations[key] = value.value();
  }
  for (const auto& [key, column] : std::vector<std::pair<std::string, std::string>>{
           {"by_kind", "kind"}, {"by_tier", "tier"}, {"by_pipeline_status", "pipeline_status"}}) {
    if (!shown(column)) continue;
    Result<Json> value = grouped(connection, "organizations", column);
    if (!value) return value.error();
    organizations[key] = std::move(value.value());
  }
  Result<Json> sectors = counts(
      connection, sqlite ? "SELECT s.value, COUNT(*) FROM organizations, json_each(organizations.sectors) s "
                           "WHERE organizations.deleted_at IS NULL GROUP BY s.value ORDER BY COUNT(*) DESC"
                         : "SELECT s, COUNT(*) FROM organizations, jsonb_array_elements_text(CAST(sectors AS jsonb)) s "
                           "WHERE deleted_at IS NULL GROUP BY s ORDER BY COUNT(*) DESC");
  if (!sectors) return sectors.error();
  organizations["by_sector"] = std::move(sectors.value());
  stats["organizations"] = std::move(organizations);

  Json places = Json::object();
  Result<std::int64_t> place_total = scalar(connection, "SELECT COUNT(*) FROM places WHERE deleted_at IS NULL");
  if (!place_total) return place_total.error();
  places["total"] = place_total.value();
  Result<Json> by_type = grouped(connection, "places", "type");
  if (!by_type) return by_type.error();
  places["by_type"] = std::move(by_type.value());
  stats["places"] = std::move(places);

  Json spaces = Json::object();
  Result<store::QueryResult> by_status = connection.query(
      "SELECT status, COUNT(*), COALESCE(SUM(area_m2), 0) FROM spaces WHERE deleted_at IS NULL GROUP BY status "
      "ORDER BY status");
  if (!by_status) return by_status.error();
  std::int64_t total = 0;
  Json statuses = Json::object();
  for (const store::Row& row : by_status->rows) {
    const std::int64_t count = store::as_integer(row[1]).value_or(0);
    total += count;
    statuses[store::as_text(row[0])] = {{"count", count}, {"area_m2", store::as_real(row[2]).value_or(0)}};
  }
  spaces["total"] = total;
  spaces["by_status"] = std::move(statuses);
  stats["spaces"] = std::move(spaces);
  return stats;
}

}  // namespace alley::registry
