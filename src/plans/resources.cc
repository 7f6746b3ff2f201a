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
    errors.push_back({"measure_query", query ? "a KPI measured by query names its query" : "only for measure query",
                      query ? "按查询统计的指标须选择查询" : "只有按查询统计的指标才选择查询"});
  }
  if (merged.value("per_year", false) && merged.value("per_quarter", false))
    errors.push_back(
        {"per_quarter", "a target holds per year or per quarter, not both", "目标按年或按季度计，只能选一种"});
  if (merged.value("target_kind", "") == "range") {
    if (!merged.contains("target_max")) {
      errors.push_back({"target_max", "a range needs its high end", "区间目标须填写上限"});
    } else if (merged["target_max"].get<double>() < merged["target_min"].get<double>()) {
      errors.push_back({"target_max", "must not be below target_min", "上限不能低于下限"});
    }
  }
}

}  // namespace

std::vector<records::ResourceSchema> plan_resources() {
  std::vector<ResourceSchema> list;

  list.push_back(
      {"plans", "plan", "plan", "行动方案",
       with(common_fields(),
            {{field("issuer", kText, "Who issued it").labelled("发布单位", "Issuer").longest(200),
              reference_field("department_id", "departments", "The issuing department")
                  .labelled("所属部门", "Department")
                  .filter(),
              field("document_number", kText, "文号, e.g. 华街办〔2025〕2号")
                  .labelled("文号", "Document number")
                  .longest(60),
              field("period_start", kDate, "First day the plan covers").labelled("起始日期", "Period start").sort(),
              field("period_end", kDate, "Last day the plan covers").labelled("结束日期", "Period end").sort(),
              field("plan_version", kText, "Which version or grouping of the plan this is")
                  .labelled("方案版本", "Plan version")
                  .longest(100),
              reference_field("version_of", "plans", "The plan this one regroups or revises")
                  .labelled("修订自", "Revises")
                  .filter(),
              field("stated_project_count", kInteger,
                    "The number of projects the document says it has (may differ from those listed)")
                  .labelled("文件所称项目数", "Projects the document states")
                  .range(0, 100000)}}),
       nullptr});

  list.push_back(
      {"tasks", "task", "task", "任务",
       with(common_fields(),
            {{reference_field("plan_id", "plans", "The plan the task belongs to")
                  .labelled("所属方案", "Plan")
                  .is_required()
                  .filter(),
              reference_field("parent_id", "tasks", "The enclosing action").labelled("上级", "Parent").filter(),
              enum_field("kind", {"goal_area", "action", "sub_action", "project", "milestone", "safeguard"},
                         "主要目标, 专项行动, 子项行动, 项目, 节点 or 保障措施")
                  .labelled("类别", "Kind")
                  .values_labelled({{"主要目标", "Goal"},
                                    {"专项行动", "Action"},
                                    {"子项行动", "Sub-action"},
                                    {"项目", "Project"},
                                    {"节点", "Milestone"},
                                    {"保障措施", "Safeguard"}})
                  .is_required()
                  .filter()
                  .sort(),
              field("number", kText, "The numbering as printed, e.g. 五(一)1")
                  .labelled("序号", "Number")
                  .longest(40)
                  .sort(),
              field("sort_order", kInteger, "Order among its siblings")
                  .labelled("排序", "Order")
                  .range(0, 100000)
                  .sort(),
              reference_array_field("lead_department_ids", "departments", "牵头部门")
                  .labelled("牵头部门", "Lead departments")
                  .filter(),
              reference_array_field("co_department_ids", "departments", "配合部门")
                  .labelled("配合部门", "Co-operating departments")
                  .filter(),
              enum_field("status", {"not_started", "in_progress", "done", "dropped"},
                         "Where the task stands; later changes through POST …/progress")
                  .labelled("状态", "Status")
                  .values_labelled(
                      {{"未开始", "Not started"}, {"推进中", "In progress"}, {"已完成", "Done"}, {"已取消", "Dropped"}})
                  .filter()
                  .sort()
                  .only_on_create("report progress with POST /api/v1/tasks/{id}/progress, which keeps the dated "
                                  "evidence"),
              field("due_on", kDate, "Deadline").labelled("截止日期", "Due").filter().sort(),
              enum_field("due_on_basis", {"document", "inferred"},
                         "document: the documents give the deadline; inferred: taken from the plan's period")
                  .labelled("期限依据", "Basis of the deadline")
                  .values_labelled(
                      {{"文件所述", "Stated in the documents"}, {"由计划期限推定", "Taken from the plan's period"}})
                  .filter(),
              field("evidence", kText, "What shows progress, with its source").labelled("进展依据", "Evidence"),
              field("evidence_links", kTextArray, "Links to evidence").labelled("依据链接", "Evidence links"),
              reference_field("maps_to_id", "tasks", "The same task in another version of the plan")
                  .labelled("其他版本中的对应任务", "Same task in another version")
                  .filter()}}),
       nullptr});

  list.push_back(
      {"kpis", "kpi", "kpi", "指标",
       with(common_fields(),
            {{reference_field("plan_id", "plans", "The plan that sets the target")
                  .labelled("所属方案", "Plan")
                  .is_required()
                  .filter(),
              reference_field("task_id", "tasks", "The goal or action it measures")
                  .labelled("所测任务", "Task measured")
                  .filter(),
              field("unit", kText, "个, 家, 人, 次 …").labelled("单位", "Unit").longest(20),
              enum_field("target_kind", {"at_least", "range", "exactly"}, "How the target reads")
                  .labelled("目标类型", "Kind of target")
                  .values_labelled({{"不低于", "At least"}, {"区间", "Range"}, {"等于", "Exactly"}})
                  .is_required(),
              field("target_min", kReal, "The target, or the low end of a range")
                  .labelled("目标值（下限）", "Target (low end)")
                  .is_required(),
              field("target_max", kReal, "The high end of a range").labelled("目标上限", "Target high end"),
              field("per_year", kBool, "The target holds for each year").labelled("按年计", "Per year"),
              field("per_quarter", kBool, "The target holds for each quarter (每季度)")
                  .labelled("按季度计", "Per quarter"),
              field("cumulative", kBool, "新增: counted from the baseline date")
                  .labelled("自基数起累计", "Counted from the baseline"),
              field("baseline", kReal, "The value at the baseline date, where stated").labelled("基数", "Baseline"),
              field("baseline_on", kDate, "When the baseline was measured").labelled("基数日期", "Baseline date"),
              field("due_on", kDate, "When the target is due").labelled("截止日期", "Due").is_required().sort(),
              enum_field("measure", {"query", "manual"}, "Counted from Alley's data, or entered by hand")
                  .labelled("计量方式", "Measured by")
                  .values_labelled({{"平台数据统计", "Counted from the registry"}, {"人工填报", "Entered by hand"}})
                  .is_required()
                  .filter(),
              // Its values are the counts the modules add (plans/kpi_counts.h).
              enum_field("measure_query", {}, "Which count of the records measures it")
                  .labelled("统计口径", "Registry count"),
              reference_array_field("lead_department_ids", "departments", "Who answers for it")
                  .labelled("牵头部门", "Lead departments")
                  .filter(),
              field("data_note", kText, "What data Alley holds for it, and what it does not yet")
                  .labelled("数据说明", "Data note")}}),
       kpi_rule});

  list.push_back({"kpi_entries", "kpi_entry", "kpientry", "指标进展",
                  with(common_fields(),
                       {{reference_field("kpi_id", "kpis", "The KPI").labelled("指标", "Target").is_required().filter(),
                         field("value", kReal, "The figure").labelled("数值", "Value").is_required(),
                         field("as_of", kDate, "The day the figure describes")
                             .labelled("截至日期", "As of")
                             .is_required()
                             .filter()
                             .sort(),
                         field("note", kText, "What the figure counts").labelled("说明", "Note")}}),
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
