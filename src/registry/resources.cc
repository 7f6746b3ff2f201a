#include "registry/resources.h"

#include <nlohmann/json.hpp>

#include "geo/datum.h"
#include "records/common_fields.h"
#include "records/geometry_rules.h"
#include "registry/uscc.h"

namespace alley::registry {
namespace {

using namespace records::vocabulary;

void place_rule(Json& merged, const Json* before, std::vector<FieldError>& errors) {
  const bool has_lon = merged.contains("lon");
  const bool has_lat = merged.contains("lat");
  if (has_lon != has_lat) {
    errors.push_back({has_lon ? "lat" : "lon", "lon and lat go together: give both or neither"});
    return;
  }
  records::require_quality_with_position(merged, has_lon, errors);
  const bool position_written =
      !before || before->value("lon", Json()) != merged["lon"] || before->value("lat", Json()) != merged["lat"];
  if (has_lon && position_written && merged.value("geo_datum_in", "WGS84") != "WGS84") {
    // Positions copied from Chinese web maps are shifted by hundreds of metres;
    // store them in WGS84 and keep the original datum on record.
    const auto datum = geo::parse_datum(merged["geo_datum_in"].get<std::string>());
    const geo::LonLat wgs =
        geo::convert({merged["lon"].get<double>(), merged["lat"].get<double>()}, *datum, geo::Datum::kWgs84);
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

}  // namespace

std::vector<records::ResourceSchema> registry_resources() {
  std::vector<ResourceSchema> list;

  list.push_back(
      {"departments", "department", "dept", "部门",
       with(common_fields(),
            {{enum_field("kind", {"department", "party_office", "mass_organization", "subdistrict", "state_enterprise"},
                         "委办局, 区委部门, 群团, 街道办事处 or 国资企业")
                  .is_required()
                  .filter()
                  .sort(),
              field("short_name", kText, "The short form the documents use, e.g. 科委").longest(40)}}),
       nullptr});

  FieldSpec area_geometry = field("geometry", kGeometry, "GeoJSON Polygon or MultiPolygon in WGS84");
  area_geometry.values = {"Polygon", "MultiPolygon"};
  list.push_back(
      {"areas", "area", "area", "区域",
       with(common_fields(),
            {{enum_field("kind",
                         {"district", "theme_block", "subdistrict", "grid_cell", "compound", "residential_committee"},
                         "What kind of area")
                  .is_required()
                  .filter()
                  .sort(),
              reference_field("parent_id", "areas", "The enclosing area").filter(),
              reference_field("department_id", "departments", "The responsible department").filter(),
              field("code", kText, "Statistical code (居委会/街道代码)").filter().sort().longest(40), area_geometry},
             geo_fields()}),
       records::geometry_rule(area_geometry), false, true});

  FieldSpec road_geometry = field("geometry", kGeometry, "GeoJSON LineString or MultiLineString in WGS84");
  road_geometry.values = {"LineString", "MultiLineString"};
  list.push_back(
      {"roads", "road", "road", "道路",
       with(common_fields(), {{field("highway", kText, "Road class as OpenStreetMap names it").filter().longest(40),
                               enum_field("boundary_role", {"east", "south", "west", "north", "axis"},
                                          "Which side of the district boundary the road forms, or an inner axis")
                                   .filter(),
                               road_geometry},
                              geo_fields()}),
       records::geometry_rule(road_geometry), false, true});

  list.push_back(
      {"places", "place", "place", "场所",
       with(common_fields(),
            {{enum_field(
                  "type",
                  {"building", "carrier", "innovation_space", "institute", "heritage_site", "cultural_venue",
                   "metro_station", "facility", "service_point", "showroom"},
                  "商务楼宇, 创新载体, 科创空间, 科研院所, 历史建筑, 文化场馆, 地铁站, 配套设施, 服务站点, 企业展厅")
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
       with(
           common_fields(),
           {{enum_field("kind",
                        {"enterprise", "institute", "university", "investor", "bank", "alliance", "incubator",
                         "service_provider", "carrier_operator", "association", "investment_promotion_body"},
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
                 .claimed_by_owner()
                 .filter(),
             enum_field("tier", {"startup", "tech_sme", "innovative_sme", "specialized_sme", "little_giant", "leading"},
                        "Cultivation ladder: 初创, 科技型中小企业, 创新型中小企业, 专精特新, 小巨人, 领军企业")
                 .labelled("培育梯度")
                 .not_public()
                 .claimed_by_owner()
                 .filter()
                 .sort(),
             field("high_growth", kBool, "Counted as a high-growth technology enterprise (高成长性科技企业)")
                 .labelled("高成长性科技企业")
                 .not_public()
                 .claimed_by_owner()
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
             field("employees", kInteger, "Headcount")
                 .labelled("员工人数")
                 .not_public()
                 .claimed_by_owner()
                 .range(0, 10000000)
                 .sort(),
             field("founded_year", kInteger, "Year founded").labelled("成立年份").range(1800, 2100).sort(),
             field("revenue_10k_cny", kReal, "Annual revenue, 10,000 CNY")
                 .labelled("营业收入（万元）")
                 .not_public()
                 .claimed_by_owner()
                 .range(0, std::nullopt)
                 .sort(),
             field("rd_ratio", kReal, "R&D spending as a share of revenue, 0–1")
                 .labelled("研发投入占比")
                 .not_public()
                 .claimed_by_owner()
                 .range(0, 1)
                 .sort(),
             field("website", kText, "Web site, http(s)://").labelled("网站").longest(300)}}),
       organization_rule, false, false});

  list.push_back(
      {"spaces", "space", "space", "空间",
       with(common_fields(),
            {{reference_field("place_id", "places", "The place the space is in").is_required().filter(),
              field("floor", kText, "Floor, e.g. 3F").longest(20),
              field("area_m2", kReal, "Usable area in square metres").is_required().above(0).sort(),
              field("rent_cny_per_m2_day", kReal, "Asking rent, CNY per m² per day").range(0, 1000).sort(),
              enum_field("status", {"available", "reserved", "occupied", "unavailable"}, "Whether it can be rented")
                  .is_required()
                  .filter()
                  .sort(),
              field("available_from", kDate, "First day it can be occupied").sort(),
              reference_field("tenant_org_id", "organizations", "The organization renting it").filter(),
              enum_field("usage", {"office", "exhibition", "service", "lab", "retail", "event", "coworking"},
                         "What the space is used for")
                  .filter()}}),
       nullptr});

  list.push_back({"talents", "talent", "talent", "人才",
                  with(common_fields(), {{reference_field("org_id", "organizations", "Employer").filter(),
                                          field("field", kText, "Field of work").filter().longest(100),
                                          field("honours", kTextArray, "Talent programmes and honours").filter()}}),
                  nullptr});
  return list;
}

const records::ResourceSchema& organization_schema() {
  static const ResourceSchema organizations = [] {
    for (ResourceSchema& resource : registry_resources()) {
      if (resource.name == "organizations") return std::move(resource);
    }
    return ResourceSchema{};
  }();
  return organizations;
}

}  // namespace alley::registry
