#pragma once
// The demand's workflow, in the conventions of the 12345 hotline: 派单,
// 签收, 退回 (with its reason), 转派, 挂起 / 恢复, 延期, 办结, 评价 (好差评),
// 回访, 督办, 重新打开 and 关闭, with its clocks — 签收 and 办结 per
// assignment, in working time from the category's targets, and 回访 five
// working days after 办结 — and what the system does when they run out:
// a warning at 80 %, an escalation one level up with fresh clocks, a 回访 task.
//
// Dispatchers (派单, 延期, 督办) are the staff of the unit of last resort,
// the district service centre. Checks (demand_rules.cc) route and reroute
// and keep the counts that send a demand to the unit of last resort;
// follow-ups tell the unit that now holds the demand, or the enterprise.

#include <memory>

#include "demands/routing.h"
#include "workflow/workflow.h"

namespace alley::catalog {
class Catalog;
}

namespace alley::demands {

// The clocks' names.
inline constexpr const char* kAcceptClock = "accept";
inline constexpr const char* kResolveClock = "resolve";
inline constexpr const char* kRevisitClock = "revisit";
inline constexpr int kRevisitAfterDays = 5;  // 回访 after five working days unrated

// A demand returned this often, or reassigned this often, goes to the unit of last resort.
inline constexpr int kReturnsBeforeLastResort = 2;
inline constexpr int kReassignmentsBeforeLastResort = 3;

// The states, actions and clocks: data only.
workflow::Workflow demand_workflow_spec();

// The spec with its checks and follow-ups, which read the catalog's records.
std::shared_ptr<workflow::Workflow> demand_workflow(const catalog::Catalog& catalog);

}  // namespace alley::demands
