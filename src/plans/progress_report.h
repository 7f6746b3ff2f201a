#pragma once
// The yearly progress report as a PDF: every KPI of the plan with its target,
// value, forecast and status, drawn as bars, and the tasks that are overdue.
// Chinese is laid out by Pango with Noto CJK and drawn by cairo.

#include <string>

#include "plans/kpi_counts.h"
#include "store/database.h"

namespace alley::plans {

Result<std::string> progress_report_pdf(store::Connection& connection, const KpiCounts& counts,
                                        const std::string& plan_id, const std::string& today);

}  // namespace alley::plans
