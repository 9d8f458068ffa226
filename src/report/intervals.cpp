// factorlab/report/intervals.cpp — see intervals.h.
#include "factorlab/report/intervals.h"

#include <cmath>
#include <cstdio>

#include "factorlab/core/config.h"
#include "factorlab/core/error.h"
#include "factorlab/report/run_numbers.h"

namespace factorlab {
namespace {

// t(0.975, dof) for dof = 1 .. 30 (standard tables, e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2).
constexpr double kT975[30] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                              2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                              2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

}  // namespace

Interval wilson_interval(double successes, double n, double z) {
  require(n > 0 && successes >= 0 && successes <= n && std::isfinite(n),
          "wilson_interval: " + format_number(successes) + " of " + format_number(n) +
              " is not a proportion (need n > 0 and 0 <= successes <= n)");
  const double p = successes / n, z2 = z * z;
  const double denom = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
  // At 0 of n and n of n the closed form's outer bound is exactly 0 or 1; set it so, not rounded.
  return {successes == 0 ? 0.0 : std::max(0.0, centre - half), successes == n ? 1.0 : std::min(1.0, centre + half)};
}

Interval difference_interval(double a, Interval a_ci, double b, Interval b_ci) {
  const double d = a - b;
  return {d - std::hypot(a - a_ci.lo, b_ci.hi - b), d + std::hypot(a_ci.hi - a, b - b_ci.lo)};
}

double student_t975(int dof) {
  require(dof >= 1, "student_t975: dof = " + std::to_string(dof) + " must be >= 1");
  if (dof <= 30) return kT975[dof - 1];
  const double z = kZ975, v = dof;
  const double z3 = z * z * z, z5 = z3 * z * z;
  return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v);
}

std::optional<MeanInterval> mean_interval(const std::vector<double>& values) {
  double sum = 0;
  int k = 0;
  for (double v : values)
    if (std::isfinite(v)) sum += v, ++k;
  if (k < 2) return std::nullopt;
  const double mean = sum / k;
  double ss = 0;
  for (double v : values)
    if (std::isfinite(v)) ss += (v - mean) * (v - mean);
  return mean_interval(mean, std::sqrt(ss / (k - 1)), k);
}

std::optional<MeanInterval> mean_interval(double mean, double sd, double count) {
  if (!std::isfinite(mean) || !std::isfinite(sd) || sd < 0 || !(count >= 2)) return std::nullopt;
  MeanInterval m;
  m.mean = mean;
  m.sd = sd;
  m.k = static_cast<int>(count);
  const double half = student_t975(m.k - 1) * sd / std::sqrt(static_cast<double>(m.k));
  m.ci = {mean - half, mean + half};
  return m;
}

std::string percent_interval_text(Interval ci) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.1f .. %.1f %%", 100 * ci.lo, 100 * ci.hi);
  return buf;
}

std::string interval_text(Interval ci) { return format_value(ci.lo) + " .. " + format_value(ci.hi); }

}  // namespace factorlab
