#pragma once
// The year-end review (year_end_review.h) as a PDF for the 年终考评 meeting:
// each plan's counts, then each department's tasks with their standing,
// deadline (marked when inferred) and evidence, and the KPIs it leads with
// what their status rests on.

#include <string>

#include "core/error.h"
#include "core/json.h"

namespace alley::plans {

std::string year_end_pdf(const Json& review);

}  // namespace alley::plans
