#pragma once
// The year-end review (年终考评, 003 §五(三)): for one year, per department
// and per plan, the tasks done, in progress and overdue with their evidence,
// and the KPIs with their status and what it rests on. A department answers
// for the tasks it leads and those it co-leads (marked so), and for the KPIs
// it leads.

#include "core/json.h"
#include "plans/kpi_counts.h"
#include "store/database.h"

namespace alley::plans {

// The tasks due in `year` (or undated tasks of a plan whose period covers
// it), judged as of `today` (YYYY-MM-DD): a task not done whose due date has
// passed is overdue. Each plan lists every task it counts (with its lead
// departments, none for an action node); each department the tasks it leads
// or co-leads. Invalid for a year outside 2000–2100.
Result<Json> year_end_review(store::Connection& connection, const KpiCounts& counts, int year,
                             const std::string& today);

// How the review's reports write a task's standing (已完成, 推进中, 已逾期,
// 未开始) and a KPI's target ("1–2", "20/年").
const char* standing_label(const std::string& standing);
std::string target_text(const Json& target);
std::string figure_text(double value);  // 20, 1.5: no trailing zeros

}  // namespace alley::plans
