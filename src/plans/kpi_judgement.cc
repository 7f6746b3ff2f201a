#include "plans/kpi_judgement.h"

#include <cmath>

namespace alley::plans {
namespace {

int year_of(const std::string& date) { return std::stoi(date.substr(0, 4)); }

}  // namespace

bool meets(const KpiTarget& target, double value) {
  constexpr double kTolerance = 1e-9;
  if (target.kind == "exactly") return std::fabs(value - target.min) < kTolerance;
  if (value < target.min - kTolerance) return false;
  return target.kind != "range" || !target.max || value <= *target.max + kTolerance;
}

PerYearJudgement judge_per_year(const KpiTarget& target, const std::vector<Figure>& figures, int first_year,
                                const std::string& due_on, const std::string& today) {
  PerYearJudgement judged;
  const int this_year = year_of(today);
  const int last_year = std::min(year_of(due_on), this_year);
  bool any_figure = false, missed = false, missing = false, under_way = false;
  for (int year = first_year; year <= last_year; ++year) {
    YearJudgement one;
    one.year = year;
    one.ended = year < this_year;
    for (const Figure& figure : figures) {
      if (year_of(figure.as_of) == year) one.value = one.value.value_or(0) + figure.value;
    }
    if (!one.value) {
      one.status = "no_data";
      // The current year with nothing entered yet is simply under way.
      if (one.ended)
        missing = true;
      else
        under_way = true;
    } else {
      any_figure = true;
      if (meets(target, *one.value)) {
        one.status = "green";
      } else if (!one.ended && !(target.kind == "range" && target.max && *one.value > *target.max)) {
        one.status = "amber";  // the year is not over, and it has not gone past the range
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
