#include "demands/resources.h"

#include <nlohmann/json.hpp>

#include "core/time_text.h"
#include "demands/terms.h"
#include "policies/rule.h"
#include "records/common_fields.h"

namespace alley::demands {
namespace {

using namespace records::vocabulary;
using workflow::choice_field;

constexpr const char* kByWorkflow = "moved by the demand's actions: POST /api/v1/demands/{id}/actions";

FieldSpec basis_field(std::string name, std::string description, std::string label, std::string label_en) {
  return enum_field(std::move(name), {"stated", "illustrative"}, std::move(description))
      .labelled(std::move(label), std::move(label_en))
      .values_labelled({{"文件载明", "Stated"}, {"示意（文件未载明）", "Illustrative (not in the documents)"}})
      .is_required()
      .filter();
}

ResourceSchema service_level_resource() {
  return {
      "service_levels",
      "service_level",
      "lvl",
      "服务层级",
      with(common_fields(),
           {{field("rank", kInteger, "1 for 街镇综合服务, 2 for 部门专业服务, 3 for 区领导重点服务: escalation goes up")
                 .labelled("层级次序", "Rank")
                 .is_required()
                 .range(1, 9)
                 .one_per_record()
                 .sort(),
             enum_field("unit_from", {"enterprise_subdistrict", "category_department", "fixed_unit"},
                        "Where a demand at this level goes: the sub-district of the enterprise's place, the "
                        "department the category names, or the level's own unit")
                 .labelled("承办单位的确定方式", "How the unit is found")
                 .values_labelled({{"企业所在街道", "The enterprise's sub-district"},
                                   {"类别的主管部门", "The category's department"},
                                   {"本层级固定单位", "The level's own unit"}})
                 .is_required(),
             reference_field("unit_id", "departments", "The level's own unit, where unit_from is fixed_unit")
                 .labelled("固定承办单位", "Own unit")}}),
      [](Json& merged, const Json*, std::vector<FieldError>& errors) {
        if (merged.value("unit_from", "") == "fixed_unit" && !merged.contains("unit_id"))
          errors.push_back({"unit_id", "a level with its own unit names it", "须指定本层级的承办单位"});
      }};
}

ResourceSchema service_tier_resource() {
  return {"service_tiers",
          "service_tier",
          "tier",
          "服务体系",
          with(common_fields(),
               {{field("stated_count", kInteger, "How many units the documents say the tier has")
                     .labelled("文件所述数量", "Stated count")
                     .is_required()
                     .range(0, 100000),
                 field("stated_as", kText, "The documents' words for the count, e.g. 11 家")
                     .labelled("文件原文", "As stated")
                     .longest(100),
                 reference_array_field("department_ids", "departments",
                                       "The tier's units the documents name that hold demands")
                     .labelled("已列出的承办单位", "Units listed"),
                 reference_array_field("organization_ids", "organizations",
                                       "The tier's units the documents name, as organizations of the registry")
                     .labelled("已列出的机构", "Organizations listed"),
                 field("rank", kInteger, "Its place in the 1+11+11 system, for listing")
                     .labelled("次序", "Order")
                     .range(1, 99)
                     .sort()}}),
          nullptr};
}

ResourceSchema service_category_resource() {
  return {
      "service_categories",
      "service_category",
      "cat",
      "服务类别",
      with(common_fields(),
           {{reference_field("department_unit_id", "departments",
                             "The department that answers at the 部门专业服务 level")
                 .labelled("部门层级承办单位", "Department-level unit")
                 .is_required()
                 .filter(),
             enum_field("unit_basis", {"stated", "assigned"},
                        "Whether the documents name the unit, or Alley assigned it")
                 .labelled("承办单位依据", "Basis of the unit")
                 .values_labelled({{"文件载明", "Stated"}, {"Alley 分工安排", "Assigned by Alley"}})
                 .is_required()
                 .filter(),
             field("accept_days", kReal, "Working days to accept (签收) a demand, from when it was received")
                 .labelled("签收时限（工作日）", "Days to accept (working)")
                 .is_required()
                 .above(0)
                 .range(std::nullopt, 60),
             field("resolve_days", kReal, "Working days to resolve (办结) it, from when it was received")
                 .labelled("办结时限（工作日）", "Days to resolve (working)")
                 .is_required()
                 .above(0)
                 .range(std::nullopt, 250),
             basis_field("targets_basis", "Whether the documents state the time targets, or they are illustrative",
                         "时限依据", "Basis of the targets"),
             field("rank", kInteger, "Its place in the catalogue").labelled("次序", "Order").range(1, 999).sort()}}),
      [](Json& merged, const Json*, std::vector<FieldError>& errors) {
        if (merged.contains("accept_days") && merged.contains("resolve_days") &&
            merged["accept_days"].get<double>() > merged["resolve_days"].get<double>())
          errors.push_back({"accept_days", "cannot be longer than the time to resolve", "签收时限不能长于办结时限"});
      }};
}

ResourceSchema routing_rule_resource() {
  return {
      "routing_rules",
      "routing_rule",
      "route",
      "派单规则",
      with(common_fields(),
           {{field("priority", kInteger, "Rules are tried from the lowest priority up; the first that holds routes")
                 .labelled("优先次序", "Priority")
                 .is_required()
                 .range(0, 100000)
                 .sort(),
             reference_array_field("category_ids", "service_categories",
                                   "The categories it applies to; none: every category")
                 .labelled("适用类别", "Categories")
                 .filter(),
             reference_array_field("area_ids", "areas",
                                   "Where the enterprise's place must lie (an area or one inside it); none: anywhere")
                 .labelled("适用区域", "Areas"),
             reference_array_field("place_ids", "places", "The buildings it applies to; none: every building")
                 .labelled("适用楼宇", "Buildings"),
             field("rule", kText,
                   "Which enterprises, in the language of eligibility rules (tier in [\"leading\"] or "
                   "leader_liaison == true); empty: every enterprise")
                 .labelled("企业条件", "Enterprise condition")
                 .longest(2000),
             reference_field("level_id", "service_levels", "The level the demand is served at")
                 .labelled("服务层级", "Service level")
                 .is_required()
                 .filter(),
             reference_field("unit_id", "departments", "The unit, where the rule names one instead of the level's")
                 .labelled("指定承办单位", "Unit"),
             basis_field("basis", "Whether the documents state the rule, or it is illustrative", "规则依据",
                         "Basis of the rule")}}),
      [](Json& merged, const Json*, std::vector<FieldError>& errors) {
        if (!merged.contains("rule") || !merged["rule"].is_string()) return;
        Result<policies::Rule> parsed = policies::parse_rule(merged["rule"].get<std::string>());
        if (!parsed) errors.push_back({"rule", parsed.error().message, "企业条件写法有误：" + parsed.error().message});
      }};
}

ResourceSchema demand_resource() {
  std::vector<workflow::Labelled> states;
  for (const workflow::State& state : demand_states()) states.push_back(state);
  ResourceSchema schema{
      "demands",
      "demand",
      "dmd",
      "企业诉求",
      with(
          common_fields(),
          {{reference_field("org_id", "organizations", "The enterprise asking; an enterprise user files for its own")
                .labelled("企业", "Enterprise")
                .is_required()
                .filter()
                .only_on_create("a demand stays with the enterprise that filed it"),
            reference_field("category_id", "service_categories", "What the enterprise asks help with")
                .labelled("诉求类别", "Category")
                .is_required()
                .filter()
                .only_on_create("a unit that finds it in the wrong category returns or reassigns it"),
            choice_field("channel", channels(), "Where it was received; an enterprise's own is online")
                .labelled("受理渠道", "Channel")
                .set_by_staff()
                .filter()
                .only_on_create("it says how the demand arrived"),
            field("received_at", kText,
                  "When it was actually received (ISO 8601 with an offset), which starts its clocks; "
                  "staff filing on an enterprise's behalf give it, otherwise it is when it is filed")
                .labelled("受理时间", "Received at")
                .moment()
                .set_by_staff()
                .sort()
                .only_on_create("it is when the clocks started"),
            reference_field("received_at_place_id", "places", "Where it was received (a 楼门口 service zone)")
                .labelled("受理地点", "Received at (place)")
                .set_by_staff()
                .only_on_create("it says how the demand arrived"),
            field("contact", kText, "Whom the unit talks to about it (a name and a phone number)")
                .labelled("联系人", "Contact")
                .not_public()
                .longest(100)
                .only_on_create("give the unit a new contact in a comment"),
            choice_field("status", states, "Where the demand stands")
                .labelled("状态", "Status")
                .filter()
                .kept_by(kByWorkflow),
            reference_field("level_id", "service_levels", "The level serving it now")
                .labelled("服务层级", "Service level")
                .filter()
                .kept_by(kByWorkflow),
            reference_field("unit_id", "departments", "The unit holding it now")
                .labelled("承办单位", "Unit")
                .filter()
                .kept_by(kByWorkflow),
            field("handler", kText, "Who at the unit signed for it (经办人): the user name; none until signed for")
                .labelled("经办人", "Handled by")
                .filter()
                .kept_by(kByWorkflow),
            reference_field("routing_rule_id", "routing_rules", "The rule that routed it")
                .labelled("派单规则", "Routing rule")
                .kept_by("routing, when it is filed"),
            field("routing_note", kText, "Why it went where it did")
                .labelled("派单说明", "Routing")
                .kept_by(kByWorkflow),
            field("overdue", kBool, "A deadline of it was missed (超时)")
                .labelled("超时", "Overdue")
                .filter()
                .kept_by("its clocks"),
            field("last_resort", kBool,
                  "Sent to the district service centre after two returns or three reassignments (兜底)")
                .labelled("兜底", "Last resort")
                .filter()
                .kept_by(kByWorkflow),
            field("revisit_due", kBool, "Resolved, unrated for 5 working days: staff call the enterprise (回访)")
                .labelled("待回访", "Call back due")
                .filter()
                .kept_by("its clocks"),
            field("returns", kInteger, "Times a unit returned it").labelled("退回次数", "Returns").kept_by(kByWorkflow),
            field("reassignments", kInteger, "Times it was reassigned")
                .labelled("转派次数", "Reassignments")
                .kept_by(kByWorkflow),
            field("escalations", kInteger, "Times it went up a level on a missed deadline")
                .labelled("升级次数", "Escalations")
                .kept_by("its clocks"),
            choice_field("rating", rating_levels(), "The enterprise's rating (好差评)")
                .labelled("评价", "Rating")
                .filter()
                .kept_by(kByWorkflow),
            field("resolved_at", kText, "When it was last resolved")
                .labelled("办结时间", "Resolved at")
                .moment()
                .sort()
                .kept_by(kByWorkflow)},
           workflow::deadline_fields("due_at", "warn_at")}),
      [](Json& merged, const Json* before, std::vector<FieldError>& errors) {
        if (before || !merged.contains("received_at")) return;
        if (!parse_time_with_offset(merged["received_at"].get<std::string>()))
          errors.push_back({"received_at", "must be a time in ISO 8601 with an offset: 2025-09-26T10:00:00+08:00",
                            "须为带时区的时间，如 2025-09-26T10:00:00+08:00"});
      }};
  schema.complete_on_create = [](Json& input, const records::Actor& actor) {
    // Kept in UTC as the server writes moments, so that lists sort and range by it as text.
    if (input.contains("received_at") && input["received_at"].is_string()) {
      if (std::optional<TimePoint> moment = parse_time_with_offset(input["received_at"].get<std::string>()))
        input["received_at"] = iso8601(*moment);
    }
    if (!input.contains("source"))
      input["source"] = actor.standing == records::Writer::kOwner ? "企业在线提交（Alley 诉求受理）"
                                                                  : "工作人员登记（Alley 诉求受理）";
  };
  return schema;
}

}  // namespace

std::vector<records::ResourceSchema> service_desk_resources() {
  std::vector<records::ResourceSchema> list;
  list.push_back(service_level_resource());
  list.push_back(service_tier_resource());
  list.push_back(service_category_resource());
  list.push_back(routing_rule_resource());
  list.push_back(demand_resource());
  return list;
}

}  // namespace alley::demands
