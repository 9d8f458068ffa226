// factorlab/report/fit.cpp — see fit.h.
#include "factorlab/report/fit.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "factorlab/core/config.h"
#include "factorlab/core/error.h"

namespace factorlab {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double PowerLawFit::predict(double x) const { return a * std::pow(x, b); }

PowerLawFit fit_power_law(const std::vector<double>& x, const std::vector<double>& y) {
  require(x.size() == y.size(), "fit_power_law: " + std::to_string(x.size()) + " x values but " +
                                    std::to_string(y.size()) + " y values");
  require(x.size() >= 2, "fit_power_law: needs at least 2 points, got " + std::to_string(x.size()));
  const std::size_t n = x.size();
  std::vector<double> lx(n), ly(n);
  for (std::size_t i = 0; i < n; ++i) {
    require(std::isfinite(x[i]) && x[i] > 0 && std::isfinite(y[i]) && y[i] > 0,
            "fit_power_law: point " + std::to_string(i) + " (" + format_number(x[i]) + ", " + format_number(y[i]) +
                ") is not finite and positive (a log-log fit needs x > 0 and y > 0)");
    lx[i] = std::log(x[i]);
    ly[i] = std::log(y[i]);
  }
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) mx += lx[i], my += ly[i];
  mx /= n;
  my /= n;
  double sxx = 0, sxy = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxx += (lx[i] - mx) * (lx[i] - mx);
    sxy += (lx[i] - mx) * (ly[i] - my);
    syy += (ly[i] - my) * (ly[i] - my);
  }
  require(sxx > 1e-300, "fit_power_law: all x values are equal (" + format_number(x[0]) + "): no slope to fit");
  PowerLawFit f;
  f.n = static_cast<int>(n);
  f.b = sxy / sxx;
  f.a = std::exp(my - f.b * mx);
  double sse = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = ly[i] - (my + f.b * (lx[i] - mx));
    sse += r * r;
  }
  f.r2 = syy > 0 ? 1 - sse / syy : 1.0;
  if (n > 2) {
    f.se_b = std::sqrt(sse / (n - 2) / sxx);
    const double t = student_t975(static_cast<int>(n) - 2);
    f.ci95_lo = f.b - t * f.se_b;
    f.ci95_hi = f.b + t * f.se_b;
  } else {
    f.se_b = f.ci95_lo = f.ci95_hi = kNaN;
  }
  return f;
}

Crossing threshold_crossing(const std::vector<double>& x, const std::vector<double>& y, double target,
                            Interpolation interpolation) {
  require(x.size() == y.size(), "threshold_crossing: " + std::to_string(x.size()) + " x values but " +
                                    std::to_string(y.size()) + " y values");
  const bool log_x = interpolation == Interpolation::LogX;
  std::map<double, std::pair<double, int>> by_x;  // sorted, repeated x averaged
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
    require(!log_x || x[i] > 0, "threshold_crossing: x = " + format_number(x[i]) + " must be > 0 on a log axis");
    auto& [sum, count] = by_x[x[i]];
    sum += y[i];
    ++count;
  }
  Crossing c;
  if (by_x.empty()) return c;
  bool first = true;
  double px = 0, py = 0;
  for (const auto& [xi, acc] : by_x) {
    const double yi = acc.first / acc.second;
    if (yi >= target) {
      if (first) {
        c.status = CrossingStatus::AlreadyAbove;
        return c;
      }
      const double t = (target - py) / (yi - py);  // py < target <= yi, so 0 < t <= 1
      c.status = CrossingStatus::Crossed;
      c.x = log_x ? std::exp(std::log(px) + t * (std::log(xi) - std::log(px))) : px + t * (xi - px);
      return c;
    }
    first = false;
    px = xi;
    py = yi;
  }
  c.status = CrossingStatus::NeverReached;
  return c;
}

std::optional<Interval> band_crossing(const std::vector<double>& x, const std::vector<double>& lower,
                                      const std::vector<double>& upper, double target, Interpolation interpolation,
                                      double domain_lo, double domain_hi) {
  const Crossing first = threshold_crossing(x, upper, target, interpolation);
  const Crossing last = threshold_crossing(x, lower, target, interpolation);
  if (first.status == CrossingStatus::NeverReached || first.status == CrossingStatus::NoData) return std::nullopt;
  Interval ci;
  ci.lo = first.x ? *first.x : domain_lo;
  if (last.x) {
    ci.hi = *last.x;
  } else if (last.status == CrossingStatus::AlreadyAbove) {  // even the lower band starts above: below the data
    ci.hi = domain_hi;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (std::isfinite(x[i]) && std::isfinite(lower[i])) ci.hi = std::min(ci.hi, x[i]);
  } else {
    ci.hi = domain_hi;
  }
  if (ci.hi < ci.lo) std::swap(ci.lo, ci.hi);  // only when the band is not ordered; keeps lo <= hi
  return ci;
}

const char* crossing_status_name(CrossingStatus s) {
  switch (s) {
    case CrossingStatus::Crossed: return "crossed";
    case CrossingStatus::AlreadyAbove: return "already above at the smallest size";
    case CrossingStatus::NeverReached: return "never reached";
    case CrossingStatus::NoData: return "no data";
  }
  return "?";
}

}  // namespace factorlab
