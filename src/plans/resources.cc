#include "plans/resources.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "records/common_fields.h"

namespace alley::plans {
namespace {

using namespace records::vocabulary;

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

}  // namespace

std::vector<records::ResourceSchema> plan_resources() {
  std::vector<ResourceSchema> list;

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
              enum_field("status", {"not_started", "in_progress", "done", "dropped"},
                         "Where the task stands; later changes through POST …/progress")
                  .filter()
                  .sort()
                  .only_on_create("report progress with POST /api/v1/tasks/{id}/progress, which keeps the dated "
                                  "evidence"),
              field("due_on", kDate, "Deadline").filter().sort(),
              enum_field("due_on_basis", {"document", "inferred"},
                         "document: the documents give the deadline; inferred: taken from the plan's period")
                  .labelled("期限依据")
                  .filter(),
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

  list.push_back(
      {"kpi_entries", "kpi_entry", "kpientry", "指标进展",
       with(common_fields(), {{reference_field("kpi_id", "kpis", "The KPI").is_required().filter(),
                               field("value", kReal, "The figure").is_required(),
                               field("as_of", kDate, "The day the figure describes").is_required().filter().sort(),
                               field("note", kText, "What the figure counts")}}),
       nullptr});

  return list;
}

const records::ResourceSchema& plan_resource(std::string_view name) {
  static const std::vector<ResourceSchema> resources = plan_resources();
  for (const ResourceSchema& resource : resources) {
    if (resource.name == name) return resource;
  }
  throw std::logic_error("the plans module has no resource " + std::string(name));
}

}  // namespace alley::plans
