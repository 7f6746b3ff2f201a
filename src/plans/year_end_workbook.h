#pragma once
// The year-end review (year_end_review.h) as a spreadsheet: a sheet of every
// department's tasks with their standing and evidence, and one of the KPIs
// each department leads with their status and what it rests on.

#include <string>

#include "core/error.h"
#include "core/json.h"

namespace alley::plans {

// The .xlsx file's bytes for a review as year_end_review returns it.
Result<std::string> year_end_workbook(const Json& review);

}  // namespace alley::plans
