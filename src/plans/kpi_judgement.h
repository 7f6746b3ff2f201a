#pragma once
// How a KPI's figures are judged against its target, apart from where the
// figures come from: green (met), amber (not yet, but under way: the forecast
// meets it, or the current year of a per-year target is not over), red (the
// figures miss it), no_data (nothing stands behind a judgement). A range
// checks both bounds; a per-year target is judged year by year.

#include <optional>
#include <string>
#include <vector>

namespace alley::plans {

struct KpiTarget {
  std::string kind = "at_least";  // at_least, range, exactly
  double min = 0;
  std::optional<double> max;  // the high end of a range
};

bool meets(const KpiTarget& target, double value);

struct Figure {
  std::string as_of;  // YYYY-MM-DD
  double value = 0;
};

struct YearJudgement {
  int year = 0;
  int quarter = 0;              // 1–4 for a per-quarter target; 0 for a year
  std::optional<double> value;  // the sum of the year's figures; none entered: nullopt
  bool ended = false;           // the year is over (judged for good)
  std::string status;
};

// Each year from `first_year` to the due year or the current year, whichever
// comes first, with the overall status: red if an ended year missed, else
// no_data if a year has no figures, else amber while the current year has
// not yet met it, else green. no_data overall when no year has figures.
struct PerYearJudgement {
  std::vector<YearJudgement> years;
  std::string status;
};
PerYearJudgement judge_per_year(const KpiTarget& target, const std::vector<Figure>& figures, int first_year,
                                const std::string& due_on, const std::string& today);
// The same quarter by quarter (each quarter from the first year's first), when `quarterly`.
PerYearJudgement judge_per_period(const KpiTarget& target, const std::vector<Figure>& figures, int first_year,
                                  const std::string& due_on, const std::string& today, bool quarterly);

// A value at one date (the latest figure, or a count), with an optional
// straight-line forecast at the due date.
std::string judge_value(const KpiTarget& target, std::optional<double> value, std::optional<double> forecast,
                        const std::string& due_on, const std::string& today);

}  // namespace alley::plans
