#include "registry/demo_population.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/seeded_random.h"
#include "records/lifecycle.h"
#include "registry/uscc.h"

namespace alley::registry {
namespace {

using Random = SeededRandom;

constexpr std::uint64_t kSeed = 20231121;  // the day the three-year plan was published

const std::vector<std::string> kSectors = {"产业互联网", "人工智能", "集成电路", "金融科技", "智能网联",
                                           "绿色低碳",   "元宇宙",   "区块链",   "文创",     "大数据"};
const std::vector<std::string> kSectorsEn = {
    "Industrial Internet", "AI",        "Semiconductors", "Fintech",  "Connected Vehicles",
    "Low Carbon",          "Metaverse", "Blockchain",     "Creative", "Big Data"};
const std::vector<double> kSectorWeights = {20, 18, 12, 10, 7, 7, 4, 4, 10, 8};
const std::vector<std::string> kNameHeads = {"启明", "云帆", "星图", "智川", "锐芯", "数澜", "青禾", "远桥",
                                             "知行", "汇拓", "衡石", "晨曦", "聚光", "新禾", "安图", "博睿",
                                             "凌云", "微澜", "鼎新", "思源", "合域", "磐石", "昭华", "定远"};
const std::vector<std::string> kNameHeadsEn = {"Qiming",  "Yunfan",   "Xingtu",  "Zhichuan", "Ruixin",  "Shulan",
                                               "Qinghe",  "Yuanqiao", "Zhixing", "Huituo",   "Hengshi", "Chenxi",
                                               "Juguang", "Xinhe",    "Antu",    "Borui",    "Lingyun", "Weilan",
                                               "Dingxin", "Siyuan",   "Heyu",    "Panshi",   "Zhaohua", "Dingyuan"};
const std::vector<std::string> kSectorWords = {"网络科技", "智能科技", "芯片科技", "金融信息", "智行科技",
                                               "能源科技", "数字科技", "链科技",   "文化创意", "数据科技"};
const std::vector<std::string> kTiers = {"startup",         "tech_sme",     "innovative_sme",
                                         "specialized_sme", "little_giant", "leading"};
const std::vector<double> kTierWeights = {35, 30, 18, 10, 5, 2};
const std::vector<std::string> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙"};
const std::vector<std::string> kGivenNames = {"思远", "雨桐", "子涵", "浩然", "一鸣", "若溪", "明哲", "嘉怡"};
const std::vector<std::string> kTalentFields = {"集成电路设计", "机器学习", "智能传感",
                                                "金融科技",     "工业软件", "新材料"};
const std::vector<std::string> kHonours = {"上海市领军人才", "长宁区杰出人才", "长宁区领军人才", "长宁区拔尖人才",
                                           "上海市青年科技启明星"};

std::string padded(std::size_t n, int width) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%0*zu", width, n);
  return buffer;
}

// A day in the given month, counted from January 2023.
std::string demo_date(Random& random, std::size_t months_since_2023) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04zu-%02zu-%02zu", 2023 + months_since_2023 / 12, 1 + months_since_2023 % 12,
                1 + random.below(28));
  return buffer;
}

Json organization(Random& random, std::size_t n, const std::vector<std::string>& workplaces) {
  const std::size_t sector = random.weighted(kSectorWeights);
  const std::size_t head = random.below(kNameHeads.size());
  const std::size_t tier = random.weighted(kTierWeights);
  Json org = Json::object();
  org["id"] = "demo-org-" + padded(n, 4);
  org["name"] = kNameHeads[head] + kSectorWords[sector] + "（上海）有限公司（示例" + padded(n, 4) + "）";
  org["name_en"] =
      kNameHeadsEn[head] + " " + kSectorsEn[sector] + " (Shanghai) Co., Ltd. (synthetic " + padded(n, 4) + ")";
  org["source"] = "synthetic";
  org["synthetic"] = true;
  org["kind"] = "enterprise";
  org["uscc"] = synthetic_uscc(kSeed + n);
  Json sectors = Json::array({kSectors[sector]});
  if (random.chance(0.3)) {
    const std::string& second = kSectors[random.weighted(kSectorWeights)];
    if (second != kSectors[sector]) sectors.push_back(second);
  }
  org["sectors"] = sectors;
  org["tier"] = kTiers[tier];
  // Bigger, older firms further up the ladder: headcount grows with tier.
  const double median_staff = 8.0 * std::pow(2.2, double(tier));
  org["employees"] = std::int64_t(std::max(1.0, std::round(random.log_normal(median_staff, 0.7))));
  org["founded_year"] = 2024 - std::int64_t(random.below(3 + tier * 4));
  org["revenue_10k_cny"] = std::round(random.log_normal(60.0 * std::pow(2.6, double(tier)), 0.9));
  org["rd_ratio"] = std::round(std::min(0.6, random.log_normal(0.06 + 0.01 * double(tier), 0.5)) * 1000) / 1000;
  Json certifications = Json::array();
  if (tier >= 1) certifications.push_back("科技型中小企业");
  if (tier >= 2) certifications.push_back("创新型中小企业");
  if (tier >= 3) certifications.push_back("专精特新中小企业");
  if (tier >= 4) certifications.push_back("专精特新“小巨人”企业");
  if (random.chance(0.12 + 0.15 * double(tier))) certifications.push_back("高新技术企业");
  org["certifications"] = certifications;
  org["high_growth"] = random.chance(0.25 + 0.12 * double(tier));
  const std::size_t stage = random.weighted({12, 8, 75, 5});  // target, negotiating, landed, moved_out
  static const std::vector<std::string> kStages = {"target", "negotiating", "landed", "moved_out"};
  org["pipeline_status"] = kStages[stage];
  if (kStages[stage] == "landed" && !workplaces.empty()) org["place_id"] = random.pick(workplaces);
  return org;
}

Result<std::vector<std::string>> place_ids(store::Connection& connection, const std::string& types) {
  Result<store::QueryResult> rows =
      connection.query("SELECT id FROM places WHERE deleted_at IS NULL AND type IN (" + types + ") ORDER BY id");
  if (!rows) return rows.error();
  std::vector<std::string> ids;
  for (const store::Row& row : rows->rows) ids.push_back(store::as_text(row[0]));
  return ids;
}

}  // namespace

std::string synthetic_uscc(std::uint64_t seed) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  Random random(seed);
  std::string code = "91310105MA";
  for (int i = 0; i < 7; ++i) code += kAlphabet[random.below(kAlphabet.size())];
  code += *uscc_check_character(code);
  return code;
}

Result<DemoSummary> add_demo_population(store::Connection& connection, const catalog::Catalog& catalog,
                                        std::size_t organization_count) {
  Result<store::QueryResult> already = connection.query("SELECT COUNT(*) FROM organizations WHERE synthetic = 1");
  if (!already) return already.error();
  if (store::as_integer(already->rows[0][0]).value_or(0) > 0) {
    return Error::conflict("the demo population is already in this database");
  }
  Result<std::vector<std::string>> workplaces = place_ids(connection, "'building', 'carrier', 'innovation_space'");
  if (!workplaces) return workplaces.error();
  // Synthetic firms answer to the department that answers for most real ones.
  Result<store::QueryResult> usual = connection.query(
      "SELECT responsible_department_id FROM organizations WHERE responsible_department_id IS NOT NULL "
      "GROUP BY responsible_department_id ORDER BY COUNT(*) DESC, responsible_department_id LIMIT 1");
  if (!usual) return usual.error();
  const std::string department = usual->rows.empty() ? "" : store::as_text(usual->rows[0][0]);
  const records::Actor actor{"demo"};
  Random random(kSeed);
  DemoSummary summary;
  const records::ResourceSchema& organizations = *catalog.find("organizations");
  std::vector<std::string> tenants;
  for (std::size_t n = 1; n <= organization_count; ++n) {
    Json record = organization(random, n, workplaces.value());
    if (!department.empty()) record["responsible_department_id"] = department;
    const std::string final_status = record["pipeline_status"].get<std::string>();
    // Most firms walked the pipeline: create them as targets and move them
    // along with dated steps, so the history looks like the real thing.
    const bool walked = final_status != "target" && random.chance(0.6);
    if (walked) record["pipeline_status"] = "target";
    Result<Json> created = records::create_record(connection, organizations, record, actor);
    if (!created) return created.error();
    ++summary.organizations;
    if (walked) {
      std::vector<std::string> steps = {"negotiating"};
      if (final_status == "landed" || final_status == "moved_out") steps.push_back("landed");
      if (final_status == "moved_out") steps.push_back("moved_out");
      std::size_t month = random.below(12);
      for (const std::string& step : steps) {
        Json change = {
            {"status", step}, {"date", demo_date(random, month)}, {"note", "示例数据"}, {"source", "synthetic"}};
        Result<Json> moved = records::change_lifecycle_status(
            connection, organizations, record["id"].get<std::string>(), change, std::nullopt, actor);
        if (!moved) return moved.error();
        ++summary.pipeline_changes;
        month = std::min<std::size_t>(month + 1 + random.below(8), 33);  // the plan runs to the end of 2025
      }
    }
    if (final_status == "landed") tenants.push_back(record["id"].get<std::string>());
  }

  Result<std::vector<std::string>> buildings = place_ids(connection, "'building', 'carrier'");
  if (!buildings) return buildings.error();
  const records::ResourceSchema& spaces = *catalog.find("spaces");
  std::size_t space_number = 0;
  for (const std::string& place : buildings.value()) {
    const std::size_t units = 3 + random.below(10);
    for (std::size_t u = 0; u < units; ++u) {
      ++space_number;
      const std::size_t floor = 1 + random.below(12);
      const std::size_t status = random.weighted({20, 5, 70, 5});
      static const std::vector<std::string> kStatuses = {"available", "reserved", "occupied", "unavailable"};
      Json space = Json::object();
      space["id"] = "demo-space-" + padded(space_number, 4);
      space["name"] = std::to_string(floor) + "F-" + padded(u + 1, 2) + " 单元（示例）";
      space["name_en"] = "Unit " + std::to_string(floor) + "F-" + padded(u + 1, 2) + " (synthetic)";
      space["source"] = "synthetic";
      space["synthetic"] = true;
      space["place_id"] = place;
      space["floor"] = std::to_string(floor) + "F";
      space["area_m2"] = std::round(random.log_normal(180, 0.6));
      space["rent_cny_per_m2_day"] = std::round(random.log_normal(5.8, 0.2) * 10) / 10;
      space["status"] = kStatuses[status];
      space["usage"] = random.chance(0.85) ? "office" : "coworking";
      if (kStatuses[status] == "available") space["available_from"] = demo_date(random, 30 + random.below(12));
      if (kStatuses[status] == "occupied" && !tenants.empty()) space["tenant_org_id"] = random.pick(tenants);
      Result<Json> created = records::create_record(connection, spaces, space, actor);
      if (!created) return created.error();
      ++summary.spaces;
    }
  }

  const records::ResourceSchema& talents = *catalog.find("talents");
  for (std::size_t n = 1; n <= 24; ++n) {
    Json talent = Json::object();
    talent["id"] = "demo-talent-" + padded(n, 3);
    talent["name"] = random.pick(kSurnames) + random.pick(kGivenNames) + "（示例）";
    talent["source"] = "synthetic";
    talent["synthetic"] = true;
    if (!tenants.empty()) talent["org_id"] = random.pick(tenants);
    talent["field"] = random.pick(kTalentFields);
    talent["honours"] = Json::array({random.pick(kHonours)});
    Result<Json> created = records::create_record(connection, talents, talent, actor);
    if (!created) return created.error();
    ++summary.talents;
  }
  return summary;
}

}  // namespace alley::registry
