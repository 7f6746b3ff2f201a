#include "registry/schemas.h"

#include <nlohmann/json.hpp>

#include "geo/datum.h"
#include "policies/rule.h"
#include "registry/uscc.h"

namespace alley::registry {
namespace {

using enum FieldType;

std::vector<FieldSpec> common_fields() {
  return {
      field("id", kText, "Stable identifier, [a-z0-9][a-z0-9_-]{0,63}; minted by the server when omitted on create")
          .longest(64)
          .sort(),
      field("name", kText, "Name in Simplified Chinese").is_required().sort().longest(200),
      field("name_en", kText, "English name, where known").sort().longest(300),
      field("description", kText, "Description in Simplified Chinese"),
      field("source", kText, "Where the record comes from: seed document and section, a geodata file, or 'synthetic'")
          .is_required()
          .filter()
          .longest(500),
      field("synthetic", kBool, "True for generated demonstration records, which are not facts")
          .set_by_staff()
          .filter(),
  };
}

std::vector<FieldSpec> geo_fields() {
  return {
      enum_field("geo_quality", {"surveyed", "derived", "approximate"},
                 "How good the position is: a published survey, derived from surveyed data, or an estimate")
          .filter(),
      enum_field("geo_datum_in", {"WGS84", "GCJ-02", "BD-09"},
                 "The datum the position was given in; it is stored converted to WGS84"),
      field("geo_source", kText, "Where the position came from or how it was estimated").longest(500),
  };
}

std::vector<FieldSpec> with(std::vector<FieldSpec> base, std::initializer_list<std::vector<FieldSpec>> more) {
  for (const auto& group : more) base.insert(base.end(), group.begin(), group.end());
  return base;
}

void require_quality_with_position(const Json& merged, bool has_position, std::vector<FieldError>& errors) {
  if (has_position && !merged.contains("geo_quality")) {
    errors.push_back({"geo_quality", "a position needs geo_quality: surveyed, derived or approximate"});
  }
}

// A GeoJSON position: [lon, lat] with finite numbers in range.
bool valid_position(const Json& position) {
  if (!position.is_array() || position.size() < 2 || !position[0].is_number() || !position[1].is_number()) return false;
  const double lon = position[0].get<double>();
  const double lat = position[1].get<double>();
  return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

std::optional<std::string> line_problem(const Json& line) {
  if (!line.is_array() || line.size() < 2) return "a line needs at least two positions";
  for (const Json& position : line) {
    if (!valid_position(position)) return "every position must be [lon, lat] within range";
  }
  return std::nullopt;
}

std::optional<std::string> polygon_problem(const Json& rings) {
  if (!rings.is_array() || rings.empty()) return "a polygon needs at least one ring";
  for (const Json& ring : rings) {
    if (!ring.is_array() || ring.size() < 4) return "a polygon ring needs at least four positions";
    if (auto problem = line_problem(ring)) return problem;
    if (ring.front() != ring.back()) return "a polygon ring must end where it starts";
  }
  return std::nullopt;
}

// Validates type and coordinates of a GeoJSON geometry against the allowed types.
void check_geometry(const Json& merged, const FieldSpec& spec, std::vector<FieldError>& errors) {
  const Json& geometry = merged.at(spec.name);
  if (!geometry.is_object() || !geometry.contains("type") || !geometry["type"].is_string() ||
      !geometry.contains("coordinates")) {
    errors.push_back({spec.name, "must be a GeoJSON geometry object with type and coordinates"});
    return;
  }
  const std::string type = geometry["type"].get<std::string>();
  if (std::find(spec.values.begin(), spec.values.end(), type) == spec.values.end()) {
    std::string allowed;
    for (const std::string& value : spec.values) allowed += (allowed.empty() ? "" : ", ") + value;
    errors.push_back({spec.name, "geometry type " + type + " is not allowed here; use " + allowed});
    return;
  }
  const Json& coordinates = geometry["coordinates"];
  std::optional<std::string> problem;
  if (type == "LineString") {
    problem = line_problem(coordinates);
  } else if (type == "MultiLineString" || type == "Polygon") {
    if (!coordinates.is_array() || coordinates.empty()) problem = "coordinates must be a non-empty array";
    for (std::size_t i = 0; !problem && i < coordinates.size(); ++i) {
      problem = type == "Polygon" ? polygon_problem(coordinates) : line_problem(coordinates[i]);
      if (type == "Polygon") break;
    }
  } else if (type == "MultiPolygon") {
    if (!coordinates.is_array() || coordinates.empty()) problem = "coordinates must be a non-empty array";
    for (std::size_t i = 0; !problem && i < coordinates.size(); ++i) problem = polygon_problem(coordinates[i]);
  }
  if (problem) errors.push_back({spec.name, *problem});
}

void geometry_rule(Json& merged, const Json*, std::vector<FieldError>& errors, const char* schema_name);

void area_rule(Json& merged, const Json* before, std::vector<FieldError>& errors) {
  geometry_rule(merged, before, errors, "areas");
}
void road_rule(Json& merged, const Json* before, std::vector<FieldError>& errors) {
  geometry_rule(merged, before, errors, "roads");
}

void place_rule(Json& merged, const Json* before, std::vector<FieldError>& errors) {
  const bool has_lon = merged.contains("lon");
  const bool has_lat = merged.contains("lat");
  if (has_lon != has_lat) {
    errors.push_back({has_lon ? "lat" : "lon", "lon and lat go together: give both or neither"});
    return;
  }
  require_quality_with_position(merged, has_lon, errors);
  const bool position_written = !before || before->value("lon", Json()) != merged["lon"] ||
                                before->value("lat", Json()) != merged["lat"];
  if (has_lon && position_written && merged.value("geo_datum_in", "WGS84") != "WGS84") {
    // Positions copied from Chinese web maps are shifted by hundreds of metres;
    // store them in WGS84 and keep the original datum on record.
    const auto datum = geo::parse_datum(merged["geo_datum_in"].get<std::string>());
    const geo::LonLat wgs = geo::convert({merged["lon"].get<double>(), merged["lat"].get<double>()}, *datum,
                                         geo::Datum::kWgs84);
    merged["lon"] = wgs.lon;
    merged["lat"] = wgs.lat;
  }
  if (merged.contains("facility_type") && merged.value("type", "") != "facility") {
    errors.push_back({"facility_type", "only a place of type facility has a facility_type"});
  }
}

void organization_rule(Json& merged, const Json*, std::vector<FieldError>& errors) {
  if (merged.contains("uscc")) {
    if (auto problem = uscc_problem(merged["uscc"].get<std::string>())) errors.push_back({"uscc", *problem});
  }
  if (merged.contains("website")) {
    const std::string website = merged["website"].get<std::string>();
    if (!website.starts_with("http://") && !website.starts_with("https://")) {
      errors.push_back({"website", "must start with http:// or https://"});
    }
  }
}

void kpi_rule(Json& merged, const Json*, std::vector<FieldError>& errors) {
  const bool query = merged.value("measure", "") == "query";
  if (query != merged.contains("measure_query")) {
    errors.push_back({"measure_query", query ? "a KPI measured by query names its query" : "only for measure query"});
  }
  if (merged.value("target_kind", "") == "range") {
    if (!merged.contains("target_max")) {
      errors.push_back({"target_max", "a range needs its high end"});
    } else if (merged["target_max"].get<double>() < merged["target_min"].get<double>()) {
      errors.push_back({"target_max", "must not be below target_min"});
    }
  }
}

// A policy's rule is checked, and kept in both forms: given as text it gets
// its JSON Logic, given as JSON Logic it gets its text.
void policy_rule(Json& merged, const Json* before, std::vector<FieldError>& errors) {
  const bool text_changed = merged.contains("rule") && (!before || before->value("rule", "") != merged["rule"]);
  const bool logic_changed = merged.contains("rule_jsonlogic") &&
                             (!before || !before->contains("rule_jsonlogic") || (*before)["rule_jsonlogic"] != merged["rule_jsonlogic"]);
  if (text_changed) {
    Result<policies::Rule> rule = policies::parse_rule(merged["rule"].get<std::string>());
    if (!rule) {
      errors.push_back({"rule", rule.error().message});
      return;
    }
    if (logic_changed) {
      Result<policies::Rule> other = policies::from_jsonlogic(merged["rule_jsonlogic"]);
      if (!other || policies::to_text(other.value()) != policies::to_text(rule.value())) {
        errors.push_back({"rule_jsonlogic", "says something other than rule; give one of the two"});
        return;
      }
    }
    merged["rule"] = policies::to_text(rule.value());
    merged["rule_jsonlogic"] = policies::to_jsonlogic(rule.value());
  } else if (logic_changed) {
    Result<policies::Rule> rule = policies::from_jsonlogic(merged["rule_jsonlogic"]);
    if (!rule) {
      errors.push_back({"rule_jsonlogic", rule.error().message});
      return;
    }
    merged["rule"] = policies::to_text(rule.value());
    merged["rule_jsonlogic"] = policies::to_jsonlogic(rule.value());
  } else if (!merged.contains("rule")) {
    merged.erase("rule_jsonlogic");
  }
}

const std::vector<ResourceSchema>& build() {
  static const std::vector<ResourceSchema> schemas = [] {
    std::vector<ResourceSchema> list;

    list.push_back({"departments", "department", "dept", "部门",
                    with(common_fields(),
                         {{enum_field("kind",
                                      {"department", "party_office", "mass_organization", "subdistrict",
                                       "state_enterprise"},
                                      "委办局, 区委部门, 群团, 街道办事处 or 国资企业")
                               .is_required()
                               .filter()
                               .sort(),
                           field("short_name", kText, "The short form the documents use, e.g. 科委").longest(40)}}),
                    nullptr});

    FieldSpec area_geometry = field("geometry", kGeometry, "GeoJSON Polygon or MultiPolygon in WGS84");
    area_geometry.values = {"Polygon", "MultiPolygon"};
    list.push_back({"areas", "area", "area", "区域",
                    with(common_fields(),
                         {{enum_field("kind",
                                      {"district", "theme_block", "subdistrict", "grid_cell", "compound",
                                       "residential_committee"},
                                      "What kind of area")
                               .is_required()
                               .filter()
                               .sort(),
                           reference_field("parent_id", "areas", "The enclosing area").filter(),
                           reference_field("department_id", "departments", "The responsible department").filter(),
                           field("code", kText, "Statistical code (居委会/街道代码)").filter().sort().longest(40),
                           area_geometry},
                          geo_fields()}),
                    area_rule, false, true});

    FieldSpec road_geometry = field("geometry", kGeometry, "GeoJSON LineString or MultiLineString in WGS84");
    road_geometry.values = {"LineString", "MultiLineString"};
    list.push_back({"roads", "road", "road", "道路",
                    with(common_fields(),
                         {{field("highway", kText, "Road class as OpenStreetMap names it").filter().longest(40),
                           enum_field("boundary_role", {"east", "south", "west", "north", "axis"},
                                      "Which side of the district boundary the road forms, or an inner axis")
                               .filter(),
                           road_geometry},
                          geo_fields()}),
                    road_rule, false, true});

    list.push_back(
        {"places", "place", "place", "场所",
         with(common_fields(),
              {{enum_field("type",
                           {"building", "carrier", "innovation_space", "institute", "heritage_site",
                            "cultural_venue", "metro_station", "facility", "service_point"},
                           "商务楼宇, 创新载体, 科创空间, 科研院所, 历史建筑, 文化场馆, 地铁站, 配套设施, 服务站点")
                    .is_required()
                    .filter()
                    .sort(),
                enum_field("facility_type",
                           {"community_canteen", "tcm_station", "pocket_park", "courier_station", "smart_book_locker",
                            "ev_charger", "phone_booth", "robot_coffee_kiosk", "celebrity_wall", "reading_room",
                            "employment_station", "party_service_center", "sports", "smart_parking", "other"},
                           "For facilities of the 15-minute life circle: which kind")
                    .filter(),
                field("address", kText, "Street address").longest(300),
                field("lon", kReal, "Longitude, WGS84").range(-180, 180).sort(),
                field("lat", kReal, "Latitude, WGS84").range(-90, 90).sort(),
                reference_field("area_id", "areas", "The innermost area the place lies in").filter(),
                reference_field("responsible_department_id", "departments",
                                "The department answering for the place (and its spaces): its staff may change them")
                    .filter(),
                field("floor_area_m2", kReal, "Floor area in square metres").above(0).sort(),
                field("tags", kTextArray, "Free tags, e.g. metro lines").filter()},
               geo_fields()}),
         place_rule, true, false});

    list.push_back(
        {"organizations", "organization", "org", "组织机构",
         with(common_fields(),
              {{enum_field("kind",
                           {"enterprise", "institute", "university", "investor", "bank", "alliance", "incubator",
                            "service_provider", "carrier_operator", "association"},
                           "What kind of organization")
                    .labelled("类别")
                    .set_by_staff()
                    .is_required()
                    .filter()
                    .sort(),
                field("uscc", kText, "统一社会信用代码, 18 characters with a valid check character")
                    .labelled("统一社会信用代码")
                    .filter()
                    .longest(18)
                    .one_per_record(),
                field("sectors", kTextArray, "Industry sectors, e.g. 集成电路, 人工智能").labelled("行业").filter(),
                field("certifications", kTextArray, "Certifications, e.g. 高新技术企业")
                    .labelled("资质认定")
                    .set_by_staff()
                    .filter(),
                enum_field("tier",
                           {"startup", "tech_sme", "innovative_sme", "specialized_sme", "little_giant", "leading"},
                           "Cultivation ladder: 初创, 科技型中小企业, 创新型中小企业, 专精特新, 小巨人, 领军企业")
                    .labelled("培育梯度")
                    .not_public()
                    .set_by_staff()
                    .filter()
                    .sort(),
                field("high_growth", kBool, "Counted as a high-growth technology enterprise (高成长性科技企业)")
                    .labelled("高成长性科技企业")
                    .not_public()
                    .set_by_staff()
                    .filter(),
                enum_field("pipeline_status", {"target", "negotiating", "landed", "moved_out"},
                           "Investment-promotion pipeline; later changes through POST …/pipeline")
                    .labelled("招商进度")
                    .not_public()
                    .set_by_staff()
                    .filter()
                    .sort()
                    .only_on_create(
                        "change it with POST /api/v1/organizations/{id}/pipeline, which keeps the dated history"),
                reference_field("place_id", "places", "Where it is located").labelled("所在场所").filter(),
                reference_field("responsible_department_id", "departments",
                                "The department answering for the organization: its staff may change it")
                    .set_by_staff()
                    .filter(),
                field("address", kText, "Street address").labelled("地址").longest(300),
                field("employees", kInteger, "Headcount").labelled("员工人数").not_public().range(0, 10000000).sort(),
                field("founded_year", kInteger, "Year founded").labelled("成立年份").range(1800, 2100).sort(),
                field("revenue_10k_cny", kReal, "Annual revenue, 10,000 CNY")
                    .labelled("营业收入（万元）")
                    .not_public()
                    .range(0, std::nullopt)
                    .sort(),
                field("rd_ratio", kReal, "R&D spending as a share of revenue, 0–1")
                    .labelled("研发投入占比")
                    .not_public()
                    .range(0, 1)
                    .sort(),
                field("website", kText, "Web site, http(s)://").labelled("网站").longest(300)}}),
         organization_rule, false, false});

    list.push_back({"spaces", "space", "space", "空间",
                    with(common_fields(),
                         {{reference_field("place_id", "places", "The place the space is in").is_required().filter(),
                           field("floor", kText, "Floor, e.g. 3F").longest(20),
                           field("area_m2", kReal, "Usable area in square metres").is_required().above(0).sort(),
                           field("rent_cny_per_m2_day", kReal, "Asking rent, CNY per m² per day")
                               .range(0, 1000)
                               .sort(),
                           enum_field("status", {"available", "reserved", "occupied", "unavailable"},
                                      "Whether it can be rented")
                               .is_required()
                               .filter()
                               .sort(),
                           field("available_from", kDate, "First day it can be occupied").sort(),
                           reference_field("tenant_org_id", "organizations", "The organization renting it").filter(),
                           enum_field("usage", {"office", "exhibition", "service", "lab", "retail", "event", "coworking"},
                                      "What the space is used for")
                               .filter()}}),
                    nullptr});

    list.push_back({"plans", "plan", "plan", "行动方案",
                    with(common_fields(),
                         {{field("issuer", kText, "Who issued it").longest(200),
                           reference_field("department_id", "departments", "The issuing department").filter(),
                           field("document_number", kText, "文号, e.g. 华街办〔2025〕2号").longest(60),
                           field("period_start", kDate, "First day the plan covers").sort(),
                           field("period_end", kDate, "Last day the plan covers").sort(),
                           field("plan_version", kText, "Which version or grouping of the plan this is").longest(100),
                           reference_field("version_of", "plans", "The plan this one regroups or revises").filter(),
                           field("stated_project_count", kInteger,
                                 "The number of projects the document says it has (may differ from those listed)")
                               .range(0, 100000)}}),
                    nullptr});

    list.push_back(
        {"tasks", "task", "task", "任务",
         with(common_fields(),
              {{reference_field("plan_id", "plans", "The plan the task belongs to").is_required().filter(),
                reference_field("parent_id", "tasks", "The enclosing action").filter(),
                enum_field("kind", {"goal_area", "action", "sub_action", "project", "milestone", "safeguard"},
                           "主要目标, 专项行动, 子项行动, 项目, 节点 or 保障措施")
                    .is_required()
                    .filter()
                    .sort(),
                field("number", kText, "The numbering as printed, e.g. 五(一)1").longest(40).sort(),
                field("sort_order", kInteger, "Order among its siblings").range(0, 100000).sort(),
                reference_array_field("lead_department_ids", "departments", "牵头部门").filter(),
                reference_array_field("co_department_ids", "departments", "配合部门").filter(),
                enum_field("status", {"not_started", "in_progress", "done", "dropped"}, "Where the task stands")
                    .filter()
                    .sort(),
                field("due_on", kDate, "Deadline").filter().sort(),
                field("evidence", kText, "What shows progress, with its source"),
                field("evidence_links", kTextArray, "Links to evidence"),
                reference_field("maps_to_id", "tasks", "The same task in another version of the plan").filter()}}),
         nullptr});

    list.push_back(
        {"kpis", "kpi", "kpi", "指标",
         with(common_fields(),
              {{reference_field("plan_id", "plans", "The plan that sets the target").is_required().filter(),
                reference_field("task_id", "tasks", "The goal or action it measures").filter(),
                field("unit", kText, "个, 家, 人, 次 …").longest(20),
                enum_field("target_kind", {"at_least", "range", "exactly"}, "How the target reads").is_required(),
                field("target_min", kReal, "The target, or the low end of a range").is_required(),
                field("target_max", kReal, "The high end of a range"),
                field("per_year", kBool, "The target holds for each year"),
                field("cumulative", kBool, "新增: counted from the baseline date"),
                field("baseline", kReal, "The value at the baseline date, where stated"),
                field("baseline_on", kDate, "When the baseline was measured"),
                field("due_on", kDate, "When the target is due").is_required().sort(),
                enum_field("measure", {"query", "manual"}, "Counted from Alley's data, or entered by hand")
                    .is_required()
                    .filter(),
                enum_field("measure_query", {"high_growth_enterprises", "innovation_spaces", "alliances", "incubators"},
                           "Which count of the registry measures it"),
                reference_array_field("lead_department_ids", "departments", "Who answers for it").filter(),
                field("data_note", kText, "What data Alley holds for it, and what it does not yet")}}),
         kpi_rule});

    list.push_back({"kpi_entries", "kpi_entry", "kpientry", "指标进展",
                    with(common_fields(),
                         {{reference_field("kpi_id", "kpis", "The KPI").is_required().filter(),
                           field("value", kReal, "The figure").is_required(),
                           field("as_of", kDate, "The day the figure describes").is_required().filter().sort(),
                           field("note", kText, "What the figure counts")}}),
                    nullptr});

    list.push_back(
        {"policies", "policy", "policy", "政策",
         with(common_fields(),
              {{field("issuer", kText, "Who issued it").longest(200),
                field("document_number", kText, "文号").longest(60),
                field("valid_from", kDate, "First day it applies").sort(),
                field("valid_until", kDate, "Last day it applies").sort(),
                enum_field("category", {"talent", "housing", "finance", "subsidy", "recognition", "fund", "insurance", "general"},
                           "What kind of support")
                    .filter()
                    .sort(),
                field("benefit", kText, "What an eligible enterprise gets"),
                field("required_materials", kTextArray, "What to hand in"),
                reference_field("responsible_department_id", "departments", "Who delivers it").filter(),
                field("rule", kText, "Eligibility in the readable rule language, e.g. employees <= 300 and rd_ratio >= 0.05")
                    .longest(10000),
                field("rule_jsonlogic", kJson, "The same rule as JSON Logic (give either form; both are stored)"),
                enum_field("rule_basis", {"document", "illustrative"},
                           "Whether the documents state the rule, or it is an illustration")
                    .filter()}}),
         policy_rule});

    list.push_back({"talents", "talent", "talent", "人才",
                    with(common_fields(),
                         {{reference_field("org_id", "organizations", "Employer").filter(),
                           field("field", kText, "Field of work").filter().longest(100),
                           field("honours", kTextArray, "Talent programmes and honours").filter()}}),
                    nullptr});
    return list;
  }();
  return schemas;
}

// Converts every [lon, lat] position inside GeoJSON coordinates in place.
void convert_positions(Json& coordinates, geo::Datum from) {
  if (valid_position(coordinates) && coordinates[0].is_number()) {
    const geo::LonLat wgs = geo::convert({coordinates[0].get<double>(), coordinates[1].get<double>()}, from,
                                         geo::Datum::kWgs84);
    coordinates[0] = wgs.lon;
    coordinates[1] = wgs.lat;
    return;
  }
  if (coordinates.is_array()) {
    for (Json& inner : coordinates) convert_positions(inner, from);
  }
}

void geometry_rule(Json& merged, const Json* before, std::vector<FieldError>& errors, const char* schema_name) {
  if (!merged.contains("geometry")) return;
  const std::size_t problems_before = errors.size();
  check_geometry(merged, *find_schema(schema_name)->find("geometry"), errors);
  require_quality_with_position(merged, true, errors);
  const bool geometry_written = !before || !before->contains("geometry") || (*before)["geometry"] != merged["geometry"];
  if (errors.size() == problems_before && geometry_written && merged.value("geo_datum_in", "WGS84") != "WGS84") {
    convert_positions(merged["geometry"]["coordinates"], *geo::parse_datum(merged["geo_datum_in"].get<std::string>()));
  }
}

}  // namespace

const std::vector<ResourceSchema>& registry_schemas() { return build(); }

const ResourceSchema* find_schema(std::string_view name) {
  for (const ResourceSchema& schema : registry_schemas()) {
    if (schema.name == name) return &schema;
  }
  return nullptr;
}

}  // namespace alley::registry
