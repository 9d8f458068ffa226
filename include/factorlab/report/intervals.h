// factorlab/report/intervals.h — the 95 % intervals the claims rest on, in closed form:
//   Wilson's score interval for a proportion (successes of n conditions; Wilson 1927, Newcombe 1998
//     method 3), which stays inside [0, 1] and is sensible at 0 of n and n of n;
//   the difference of two estimates from their own intervals by "square and add" (MOVER, Zou & Donner
//     2008); with two Wilson intervals it is Newcombe's hybrid score interval (Newcombe 1998, method 10);
//   a mean over replicates, mean -+ t(0.975, k - 1) sd / sqrt(k) (Student's t).
// docs/report.md says which claim uses which.
// Deliberately not: tests of significance, multiple-comparison corrections, bootstrap resampling.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace factorlab {

constexpr double kZ975 = 1.959963984540054;  // two-sided 95 % normal quantile

struct Interval {
  double lo = 0, hi = 0;
  bool contains(double v) const { return lo <= v && v <= hi; }
};

// Wilson score interval of successes / n, 0 <= successes <= n, n > 0. InputError otherwise.
Interval wilson_interval(double successes, double n, double z = kZ975);

// An interval for a - b from an interval of each (each containing its estimate): lo = (a - b) -
// sqrt((a - a.lo)^2 + (b.hi - b)^2), hi = (a - b) + sqrt((a.hi - a)^2 + (b - b.lo)^2).
Interval difference_interval(double a, Interval a_ci, double b, Interval b_ci);

// Two-sided 95 % quantile of Student's t with `dof` degrees of freedom (dof >= 1): a table for
// dof <= 30, the Cornish-Fisher expansion above (error < 1e-3). InputError for dof < 1.
double student_t975(int dof);

// Mean of replicates with mean -+ t(0.975, k - 1) sd / sqrt(k) (sd with k - 1 in the denominator);
// nullopt with fewer than 2 finite values.
struct MeanInterval {
  double mean = 0, sd = 0;
  int k = 0;
  Interval ci;
};
std::optional<MeanInterval> mean_interval(const std::vector<double>& values);
// The same from a summary: mean, sd and count (count >= 2), e.g. a statistic over the curves of a probe.
std::optional<MeanInterval> mean_interval(double mean, double sd, double count);

// "35.4 .. 87.9 %" (fractions as percentages) and "1.19 .. 1.69" (numbers, format_value precision).
std::string percent_interval_text(Interval ci);
std::string interval_text(Interval ci);

}  // namespace factorlab
