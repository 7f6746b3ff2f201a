#include "demands/routing.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "demands/terms.h"
#include "policies/evaluator.h"
#include "policies/rule.h"
#include "records/repository.h"

namespace alley::demands {
namespace {

using workflow::text_of;

bool lists(const Json& record, const char* field, const std::string& value) {
  if (!record.contains(field) || !record[field].is_array()) return false;
  const Json& items = record[field];
  return std::find(items.begin(), items.end(), Json(value)) != items.end();
}

bool has_list(const Json& record, const char* field) {
  return record.contains(field) && record[field].is_array() && !record[field].empty();
}

constexpr int kDeepestAreas = 12;  // district → block → compound …: far more than the registry nests

}  // namespace

Result<Json> Router::record(store::Connection& connection, const char* resource, const std::string& id) const {
  const records::ResourceSchema* schema = catalog_.find(resource);
  if (!schema) return Error::internal(std::string("the service desk needs the ") + resource + " resource");
  return records::get_record(connection, *schema, id);
}

// The sub-district answering for where the enterprise is: the sub-district
// area its place lies in, else the place's or the enterprise's responsible
// department where that is a sub-district.
Result<std::optional<std::string>> Router::subdistrict_of(store::Connection& connection,
                                                          const Json& organization) const {
  std::vector<std::string> candidates;
  const std::string place_id = text_of(organization, "place_id");
  if (!place_id.empty()) {
    Result<Json> place = record(connection, "places", place_id);
    if (!place) return place.error();
    std::string area_id = text_of(place.value(), "area_id");
    for (int depth = 0; !area_id.empty() && depth < kDeepestAreas; ++depth) {
      Result<Json> area = record(connection, "areas", area_id);
      if (!area) return area.error();
      if (text_of(area.value(), "kind") == "subdistrict" && !text_of(area.value(), "department_id").empty())
        return std::optional<std::string>(text_of(area.value(), "department_id"));
      area_id = text_of(area.value(), "parent_id");
    }
    candidates.push_back(text_of(place.value(), "responsible_department_id"));
  }
  candidates.push_back(text_of(organization, "responsible_department_id"));
  for (const std::string& department_id : candidates) {
    if (department_id.empty()) continue;
    Result<Json> department = record(connection, "departments", department_id);
    if (!department) return department.error();
    if (text_of(department.value(), "kind") == "subdistrict") return std::optional<std::string>(department_id);
  }
  return std::optional<std::string>();
}

Result<std::optional<Assignment>> Router::at_level(store::Connection& connection, const Json& demand,
                                                   const std::string& level_id) const {
  Result<Json> level = record(connection, "service_levels", level_id);
  if (!level) return level.error();
  const std::string how = text_of(level.value(), "unit_from");
  Assignment assignment;
  assignment.level_id = level_id;
  if (how == "fixed_unit") {
    assignment.unit_id = text_of(level.value(), "unit_id");
  } else if (how == "category_department") {
    Result<Json> category = record(connection, "service_categories", text_of(demand, "category_id"));
    if (!category) return category.error();
    assignment.unit_id = text_of(category.value(), "department_unit_id");
  } else {
    Result<Json> organization = record(connection, "organizations", text_of(demand, "org_id"));
    if (!organization) return organization.error();
    Result<std::optional<std::string>> subdistrict = subdistrict_of(connection, organization.value());
    if (!subdistrict) return subdistrict.error();
    if (!subdistrict.value()) return std::optional<Assignment>();
    assignment.unit_id = *subdistrict.value();
  }
  if (assignment.unit_id.empty()) return std::optional<Assignment>();
  Result<Json> unit = record(connection, "departments", assignment.unit_id);
  if (!unit) return unit.error();
  assignment.note = text_of(level.value(), "name") + "：" + text_of(unit.value(), "name");
  return std::optional<Assignment>(std::move(assignment));
}

Result<std::optional<Assignment>> Router::route(store::Connection& connection, const Json& demand) const {
  const records::ResourceSchema* rules_schema = catalog_.find("routing_rules");
  if (!rules_schema) return Error::internal("the service desk needs its routing rules");
  Result<std::vector<Json>> rules = records::list_all_records(connection, *rules_schema);
  if (!rules) return rules.error();
  std::stable_sort(rules->begin(), rules->end(), [](const Json& left, const Json& right) {
    return left.value("priority", 0) < right.value("priority", 0);
  });
  Result<Json> organization = record(connection, "organizations", text_of(demand, "org_id"));
  if (!organization) return organization.error();
  // The areas the enterprise's place lies in, innermost first.
  std::vector<std::string> areas;
  const std::string place_id = text_of(organization.value(), "place_id");
  if (!place_id.empty()) {
    Result<Json> place = record(connection, "places", place_id);
    if (!place) return place.error();
    for (std::string area_id = text_of(place.value(), "area_id");
         !area_id.empty() && areas.size() < std::size_t(kDeepestAreas);) {
      areas.push_back(area_id);
      Result<Json> area = record(connection, "areas", area_id);
      if (!area) return area.error();
      area_id = text_of(area.value(), "parent_id");
    }
  }
  policies::OrganizationTable table(std::vector<Json>{organization.value()});
  const std::string category_id = text_of(demand, "category_id");
  for (const Json& rule : rules.value()) {
    if (has_list(rule, "category_ids") && !lists(rule, "category_ids", category_id)) continue;
    if (has_list(rule, "place_ids") && !lists(rule, "place_ids", place_id)) continue;
    if (has_list(rule, "area_ids") && std::none_of(areas.begin(), areas.end(), [&](const std::string& area) {
          return lists(rule, "area_ids", area);
        }))
      continue;
    const std::string condition = text_of(rule, "rule");
    if (!condition.empty()) {
      Result<policies::Rule> parsed = policies::parse_rule(condition);
      if (!parsed || !table.holds(table.compile(parsed.value()), 0)) continue;
    }
    Result<std::optional<Assignment>> assigned = [&]() -> Result<std::optional<Assignment>> {
      if (text_of(rule, "unit_id").empty()) return at_level(connection, demand, text_of(rule, "level_id"));
      Result<Json> unit = record(connection, "departments", text_of(rule, "unit_id"));
      if (!unit) return unit.error();
      return std::optional<Assignment>(
          Assignment{text_of(rule, "level_id"), text_of(rule, "unit_id"), "", text_of(unit.value(), "name")});
    }();
    if (!assigned) return assigned.error();
    if (!assigned.value()) continue;  // the rule's level finds no unit for this enterprise: the next rule may
    assigned.value()->rule_id = text_of(rule, "id");
    assigned.value()->note = "按派单规则“" + text_of(rule, "name") + "”派至" + assigned.value()->note;
    return assigned;
  }
  return std::optional<Assignment>();
}

Result<std::string> Router::level_of_unit(store::Connection& connection, const std::string& unit_id) const {
  Result<Json> unit = record(connection, "departments", unit_id);
  if (!unit) return unit.error();
  if (text_of(unit.value(), "kind") == "subdistrict") return std::string(kSubdistrictLevel);
  const records::ResourceSchema* levels = catalog_.find("service_levels");
  Result<std::vector<Json>> all = records::list_all_records(connection, *levels);
  if (!all) return all.error();
  for (const Json& level : all.value()) {
    if (text_of(level, "unit_from") == "fixed_unit" && text_of(level, "unit_id") == unit_id)
      return text_of(level, "id");
  }
  return std::string(kDepartmentLevel);
}

Result<std::optional<Assignment>> Router::above(store::Connection& connection, const Json& demand) const {
  const records::ResourceSchema* levels = catalog_.find("service_levels");
  Result<std::vector<Json>> all = records::list_all_records(connection, *levels);
  if (!all) return all.error();
  std::int64_t current_rank = 0;
  for (const Json& level : all.value()) {
    if (level.value("id", "") == text_of(demand, "level_id")) current_rank = level.value("rank", 0);
  }
  std::sort(all->begin(), all->end(),
            [](const Json& left, const Json& right) { return left.value("rank", 0) < right.value("rank", 0); });
  for (const Json& level : all.value()) {
    if (level.value("rank", 0) <= current_rank) continue;
    Result<std::optional<Assignment>> assigned = at_level(connection, demand, text_of(level, "id"));
    if (!assigned) return assigned.error();
    // A level that would hand it back to the unit that missed the deadline is no level above.
    if (assigned.value() && assigned.value()->unit_id != text_of(demand, "unit_id")) return assigned;
  }
  return std::optional<Assignment>();
}

Result<Assignment> Router::last_resort(store::Connection& connection) const {
  const records::ResourceSchema* tiers = catalog_.find("service_tiers");
  Result<std::vector<Json>> all = records::list_all_records(connection, *tiers);
  if (!all) return all.error();
  std::sort(all->begin(), all->end(),
            [](const Json& left, const Json& right) { return left.value("rank", 99) < right.value("rank", 99); });
  for (const Json& tier : all.value()) {
    if (!has_list(tier, "department_ids")) continue;
    const std::string unit_id = tier["department_ids"][0].get<std::string>();
    Result<Json> unit = record(connection, "departments", unit_id);
    if (!unit) return unit.error();
    return Assignment{kDepartmentLevel, unit_id, "", "兜底：" + text_of(unit.value(), "name")};
  }
  return Error::invalid("no tier of the service system names a unit, so a demand has no unit of last resort")
      .in_chinese("服务体系中没有可兜底的承办单位");
}

}  // namespace alley::demands
