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
    errors.push_back(
        {has_lon ? "lat" : "lon", "lon and lat go together: give both or neither", "经度和纬度须同时填写或同时不填"});
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
    errors.push_back(
        {"facility_type", "only a place of type facility has a facility_type", "只有“设施”类的地点才有设施类型"});
  }
}

void organization_rule(Json& merged, const Json*, std::vector<FieldError>& errors) {
  if (merged.contains("uscc")) {
    if (auto problem = uscc_problem(merged["uscc"].get<std::string>())) errors.push_back({"uscc", *problem});
  }
  if (merged.contains("website")) {
    const std::string website = merged["website"].get<std::string>();
    if (!website.starts_with("http://") && !website.starts_with("https://")) {
      errors.push_back({"website", "must start with http:// or https://", "网址应以 http:// 或 https:// 开头"});
    }
  }
}

}  // namespace

std::vector<records::ResourceSchema> registry_resources() {
  std::vector<ResourceSchema> list;

  list.push_back(
      {"departments", "department", "dept", "部门",
       with(common_fields(),
            {{enum_field("kind",
                         {"department", "party_office", "mass_organization", "subdistrict", "state_enterprise",
                          "service_centre", "leadership"},
                         "委办局, 区委部门, 群团, 街道办事处, 国资企业, 服务中心 or the district leaders' level of "
                         "service (区领导重点服务)")
                  .labelled("类别", "Kind")
                  .values_labelled({{"区级部门", "District department"},
                                    {"党委部门", "Party office"},
                                    {"群团组织", "Mass organization"},
                                    {"街道", "Sub-district"},
                                    {"国有企业", "State enterprise"},
                                    {"服务中心", "Service centre"},
                                    {"区领导", "District leaders"}})
                  .is_required()
                  .filter()
                  .sort(),
              field("short_name", kText, "The short form the documents use, e.g. 科委")
                  .labelled("简称", "Short name")
                  .longest(40)}}),
       nullptr});

  FieldSpec area_geometry =
      field("geometry", kGeometry, "GeoJSON Polygon or MultiPolygon in WGS84").labelled("图形", "Shape");
  area_geometry.values = {"Polygon", "MultiPolygon"};
  list.push_back(
      {"areas", "area", "area", "区域",
       with(common_fields(),
            {{enum_field("kind",
                         {"district", "theme_block", "subdistrict", "grid_cell", "compound", "residential_committee"},
                         "What kind of area")
                  .labelled("类别", "Kind")
                  .values_labelled({{"街区", "District"},
                                    {"主题街区", "Theme block"},
                                    {"街道", "Sub-district"},
                                    {"网格", "Grid cell"},
                                    {"小区", "Compound"},
                                    {"居委会", "Residents’ committee"}})
                  .is_required()
                  .filter()
                  .sort(),
              reference_field("parent_id", "areas", "The enclosing area").labelled("上级", "Parent").filter(),
              reference_field("department_id", "departments", "The responsible department")
                  .labelled("所属部门", "Department")
                  .filter(),
              field("code", kText, "Statistical code (居委会/街道代码)")
                  .labelled("统计代码", "Statistical code")
                  .filter()
                  .sort()
                  .longest(40),
              area_geometry},
             geo_fields()}),
       records::geometry_rule(area_geometry), false, true});

  FieldSpec road_geometry =
      field("geometry", kGeometry, "GeoJSON LineString or MultiLineString in WGS84").labelled("图形", "Shape");
  road_geometry.values = {"LineString", "MultiLineString"};
  list.push_back(
      {"roads", "road", "road", "道路",
       with(common_fields(), {{field("highway", kText, "Road class as OpenStreetMap names it")
                                   .labelled("道路等级", "Road class")
                                   .filter()
                                   .longest(40),
                               enum_field("boundary_role", {"east", "south", "west", "north", "axis"},
                                          "Which side of the district boundary the road forms, or an inner axis")
                                   .labelled("边界位置", "Boundary role")
                                   .values_labelled({{"东界", "East edge"},
                                                     {"南界", "South edge"},
                                                     {"西界", "West edge"},
                                                     {"北界", "North edge"},
                                                     {"内部轴线", "Inner axis"}})
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
                  .labelled("类型", "Type")
                  .values_labelled({{"商务楼宇", "Office building"},
                                    {"创新载体", "Innovation carrier"},
                                    {"科创空间", "Innovation space"},
                                    {"科研院所", "Research institute"},
                                    {"历史建筑", "Heritage site"},
                                    {"文化场馆", "Cultural venue"},
                                    {"地铁站", "Metro station"},
                                    {"配套设施", "Facility"},
                                    {"服务站点", "Service point"},
                                    {"企业展厅", "Company showroom"}})
                  .is_required()
                  .filter()
                  .sort(),
              enum_field("facility_type",
                         {"community_canteen", "tcm_station", "pocket_park", "courier_station", "smart_book_locker",
                          "ev_charger", "phone_booth", "robot_coffee_kiosk", "celebrity_wall", "reading_room",
                          "employment_station", "party_service_center", "sports", "smart_parking", "other"},
                         "For facilities of the 15-minute life circle: which kind")
                  .labelled("设施类别", "Facility type")
                  .values_labelled({{"社区食堂", "Community canteen"},
                                    {"中医药服务站", "Traditional medicine station"},
                                    {"口袋公园", "Pocket park"},
                                    {"快递驿站", "Parcel station"},
                                    {"智能书柜", "Smart book locker"},
                                    {"充电桩", "EV charger"},
                                    {"电话亭", "Phone booth"},
                                    {"机器人咖啡亭", "Robot coffee kiosk"},
                                    {"名人墙", "Wall of notables"},
                                    {"阅览室", "Reading room"},
                                    {"就业服务站", "Employment service point"},
                                    {"党群服务中心", "Party and community service centre"},
                                    {"体育设施", "Sports facility"},
                                    {"智慧停车", "Smart parking"},
                                    {"其他", "Other"}})
                  .filter(),
              field("address", kText, "Street address").labelled("地址", "Address").longest(300),
              field("lon", kReal, "Longitude, WGS84").labelled("经度", "Longitude").range(-180, 180).sort(),
              field("lat", kReal, "Latitude, WGS84").labelled("纬度", "Latitude").range(-90, 90).sort(),
              reference_field("area_id", "areas", "The innermost area the place lies in")
                  .labelled("所在区域", "Area")
                  .filter(),
              reference_field("responsible_department_id", "departments",
                              "The department answering for the place (and its spaces): its staff may change them")
                  .labelled("负责部门", "Responsible department")
                  .filter(),
              field("floor_area_m2", kReal, "Floor area in square metres")
                  .labelled("建筑面积（平方米）", "Floor area (m²)")
                  .above(0)
                  .sort(),
              field("tags", kTextArray, "Free tags, e.g. metro lines").labelled("标签", "Tags").filter()},
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
                 .labelled("类别", "Kind")
                 .values_labelled({{"企业", "Enterprise"},
                                   {"科研院所", "Research institute"},
                                   {"高校", "University"},
                                   {"投资机构", "Investor"},
                                   {"银行", "Bank"},
                                   {"联盟", "Alliance"},
                                   {"孵化器", "Incubator"},
                                   {"服务机构", "Service provider"},
                                   {"载体运营方", "Carrier operator"},
                                   {"协会", "Association"},
                                   {"招商联合体", "Investment promotion body"}})
                 .for_rules()
                 .set_by_staff()
                 .is_required()
                 .filter()
                 .sort(),
             field("uscc", kText, "统一社会信用代码, 18 characters with a valid check character")
                 .labelled("统一社会信用代码", "Unified social credit code")
                 .filter()
                 .longest(18)
                 .one_per_record(),
             field("sectors", kTextArray, "Industry sectors, e.g. 集成电路, 人工智能")
                 .labelled("行业", "Sectors")
                 .for_rules()
                 .filter(),
             field("certifications", kTextArray, "Certifications, e.g. 高新技术企业")
                 .labelled("资质认定", "Certifications")
                 .for_rules()
                 .claimed_by_owner()
                 .filter(),
             enum_field("tier", {"startup", "tech_sme", "innovative_sme", "specialized_sme", "little_giant", "leading"},
                        "Cultivation ladder: 初创, 科技型中小企业, 创新型中小企业, 专精特新, 小巨人, 领军企业")
                 .labelled("培育梯度", "Cultivation tier")
                 .values_labelled({{"初创企业", "Start-up"},
                                   {"科技型中小企业", "Tech SME"},
                                   {"创新型中小企业", "Innovative SME"},
                                   {"专精特新中小企业", "Specialised SME"},
                                   {"专精特新“小巨人”", "Little giant"},
                                   {"领军企业", "Leading firm"}})
                 .for_rules()
                 .not_public()
                 .claimed_by_owner()
                 .filter()
                 .sort(),
             field("high_growth", kBool, "Counted as a high-growth technology enterprise (高成长性科技企业)")
                 .labelled("高成长性科技企业", "High-growth tech enterprise")
                 .for_rules()
                 .not_public()
                 .claimed_by_owner()
                 .filter(),
             enum_field("pipeline_status", {"target", "negotiating", "landed", "moved_out"},
                        "Investment-promotion pipeline; later changes through POST …/pipeline")
                 .labelled("招商进度", "Pipeline status")
                 .values_labelled(
                     {{"目标企业", "Target"}, {"洽谈中", "Negotiating"}, {"已落地", "Landed"}, {"已迁出", "Moved out"}})
                 .for_rules()
                 .not_public()
                 .set_by_staff()
                 .filter()
                 .sort()
                 .only_on_create(
                     "change it with POST /api/v1/organizations/{id}/pipeline, which keeps the dated history"),
             field("leader_liaison", kBool,
                   "A district leader visits it in person (区领导深度联系走访: 企业系、国企系、成长系); its demands "
                   "go to 区领导重点服务")
                 .labelled("区领导联系企业", "District-leader liaison")
                 .for_rules()
                 .not_public()
                 .set_by_staff()
                 .filter(),
             reference_field("place_id", "places", "Where it is located").labelled("所在场所", "Located at").filter(),
             reference_field("responsible_department_id", "departments",
                             "The department answering for the organization: its staff may change it")
                 .labelled("负责部门", "Responsible department")
                 .set_by_staff()
                 .filter(),
             field("address", kText, "Street address").labelled("地址", "Address").longest(300),
             field("employees", kInteger, "Headcount")
                 .labelled("员工人数", "Employees")
                 .for_rules()
                 .not_public()
                 .claimed_by_owner()
                 .range(0, 10000000)
                 .sort(),
             field("founded_year", kInteger, "Year founded")
                 .labelled("成立年份", "Founded")
                 .for_rules()
                 .range(1800, 2100)
                 .sort(),
             field("revenue_10k_cny", kReal, "Annual revenue, 10,000 CNY")
                 .labelled("营业收入（万元）", "Revenue (10k CNY)")
                 .for_rules()
                 .not_public()
                 .claimed_by_owner()
                 .range(0, std::nullopt)
                 .sort(),
             field("rd_ratio", kReal, "R&D spending as a share of revenue, 0–1")
                 .labelled("研发投入占比", "R&D ratio")
                 .for_rules()
                 .not_public()
                 .claimed_by_owner()
                 .range(0, 1)
                 .sort(),
             field("website", kText, "Web site, http(s)://").labelled("网站", "Website").longest(300)}}),
       organization_rule, false, false});

  list.push_back(
      {"spaces", "space", "space", "空间",
       with(common_fields(),
            {{reference_field("place_id", "places", "The place the space is in")
                  .labelled("所在场所", "Located at")
                  .is_required()
                  .filter(),
              field("floor", kText, "Floor, e.g. 3F").labelled("楼层", "Floor").longest(20),
              field("area_m2", kReal, "Usable area in square metres")
                  .labelled("面积（平方米）", "Area (m²)")
                  .is_required()
                  .above(0)
                  .sort(),
              field("rent_cny_per_m2_day", kReal, "Asking rent, CNY per m² per day")
                  .labelled("租金（元/平方米/天）", "Rent (CNY/m²/day)")
                  .range(0, 1000)
                  .sort(),
              enum_field("status", {"available", "reserved", "occupied", "unavailable"}, "Whether it can be rented")
                  .labelled("状态", "Status")
                  .values_labelled({{"可租", "Available"},
                                    {"已预订", "Reserved"},
                                    {"已出租", "Occupied"},
                                    {"暂不可租", "Unavailable"}})
                  .is_required()
                  .filter()
                  .sort(),
              field("available_from", kDate, "First day it can be occupied")
                  .labelled("可入驻日期", "Available from")
                  .sort(),
              reference_field("tenant_org_id", "organizations", "The organization renting it")
                  .labelled("承租企业", "Tenant")
                  .filter(),
              enum_field("usage", {"office", "exhibition", "service", "lab", "retail", "event", "coworking"},
                         "What the space is used for")
                  .labelled("用途", "Use")
                  .values_labelled({{"办公", "Office"},
                                    {"展示", "Exhibition"},
                                    {"服务", "Service"},
                                    {"实验室", "Lab"},
                                    {"商业", "Retail"},
                                    {"活动", "Event"},
                                    {"共享办公", "Co-working"}})
                  .filter()}}),
       nullptr});

  list.push_back(
      {"talents", "talent", "talent", "人才",
       with(common_fields(),
            {{reference_field("org_id", "organizations", "Employer").labelled("所在单位", "Employer").filter(),
              field("field", kText, "Field of work").labelled("领域", "Field of work").filter().longest(100),
              field("honours", kTextArray, "Talent programmes and honours")
                  .labelled("人才计划与荣誉", "Programmes and honours")
                  .filter()}}),
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
