#include "plans/kpi_judgement.h"

#include <cmath>

namespace alley::plans {
namespace {

int year_of(const std::string& date) { return std::stoi(date.substr(0, 4)); }
int quarter_of(const std::string& date) { return (std::stoi(date.substr(5, 2)) + 2) / 3; }

}  // namespace

bool meets(const KpiTarget& target, double value) {
  constexpr double kTolerance = 1e-9;
  if (target.kind == "exactly") return std::fabs(value - target.min) < kTolerance;
  if (value < target.min - kTolerance) return false;
  return target.kind != "range" || !target.max || value <= *target.max + kTolerance;
}

PerYearJudgement judge_per_year(const KpiTarget& target, const std::vector<Figure>& figures, int first_year,
                                const std::string& due_on, const std::string& today) {
  return judge_per_period(target, figures, first_year, due_on, today, false);
}

PerYearJudgement judge_per_period(const KpiTarget& target, const std::vector<Figure>& figures, int first_year,
                                  const std::string& due_on, const std::string& today, bool quarterly) {
  PerYearJudgement judged;
  // Periods are numbered year * 4 + quarter - 1 (quarterly) or by the year.
  auto period_of = [quarterly](const std::string& date) {
    return quarterly ? year_of(date) * 4 + quarter_of(date) - 1 : year_of(date);
  };
  const int current = period_of(today);
  const int last = std::min(period_of(due_on), current);
  bool any_figure = false, missed = false, missing = false, under_way = false;
  for (int period = quarterly ? first_year * 4 : first_year; period <= last; ++period) {
    YearJudgement one;
    one.year = quarterly ? period / 4 : period;
    one.quarter = quarterly ? period % 4 + 1 : 0;
    one.ended = period < current;
    for (const Figure& figure : figures) {
      if (period_of(figure.as_of) == period) one.value = one.value.value_or(0) + figure.value;
    }
    if (!one.value) {
      one.status = "no_data";
      // The current period with nothing entered yet is simply under way.
      if (one.ended)
        missing = true;
      else
        under_way = true;
    } else {
      any_figure = true;
      if (meets(target, *one.value)) {
        one.status = "green";
      } else if (!one.ended && !(target.kind == "range" && target.max && *one.value > *target.max)) {
        one.status = "amber";  // the period is not over, and it has not gone past the range
        under_way = true;
      } else {
        one.status = "red";
        missed = true;
      }
    }
    judged.years.push_back(std::move(one));
  }
  judged.status = !any_figure ? "no_data" : missed ? "red" : missing ? "no_data" : under_way ? "amber" : "green";
  return judged;
}

std::string judge_value(const KpiTarget& target, std::optional<double> value, std::optional<double> forecast,
                        const std::string& due_on, const std::string& today) {
  if (!value) return "no_data";
  if (meets(target, *value)) return "green";
  const bool above_range = target.kind == "range" && target.max && *value > *target.max;
  if (!above_range && due_on >= today && forecast && meets(target, *forecast)) return "amber";
  return "red";
}

}  // namespace alley::plans
