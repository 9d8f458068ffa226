// factorlab/report/fit.h — the two numbers the data-efficiency figure (paper Fig. 5) rests on:
// the dataset size at which accuracy first reaches a target (60 %), interpolated between measured
// sizes, and the power law size = a N^b fitted to those sizes, with the standard error of b.
// Least squares on (log N, log size) — ordinary linear regression, standard error from the residual
// variance with n - 2 degrees of freedom, 95 % interval from Student's t (Draper & Smith, ch. 1).
// Deliberately not: weighted or nonlinear fits, bootstrap intervals, extrapolation beyond the data
// (an interval end beyond the data is the caller's domain bound).
#pragma once
#include <optional>
#include <vector>

#include "factorlab/report/intervals.h"  // student_t975

namespace factorlab {

struct PowerLawFit {
  double a = 0, b = 0;       // y = a x^b
  double se_b = 0;           // standard error of b; NaN with 2 points (no degrees of freedom left)
  double ci95_lo = 0, ci95_hi = 0;  // b -+ t(0.975, n - 2) se_b; NaN with 2 points
  double r2 = 0;             // coefficient of determination in log-log
  int n = 0;
  double predict(double x) const;  // a x^b
};

// x, y: the same length, at least 2 points, all finite and > 0, at least 2 distinct x.
// InputError otherwise, naming what is wrong.
PowerLawFit fit_power_law(const std::vector<double>& x, const std::vector<double>& y);

enum class CrossingStatus {
  Crossed,       // the curve rises through the target between two measured points
  AlreadyAbove,  // the smallest measured x already reaches the target (the crossing is below the data)
  NeverReached,  // no measured point reaches the target
  NoData,        // no finite point
};
enum class Interpolation { Linear, LogX };

struct Crossing {
  CrossingStatus status = CrossingStatus::NoData;
  std::optional<double> x;  // set only for Crossed
};

// The first x at which y reaches `target`, going up in x: points are sorted by x, points with a
// non-finite x or y are dropped, and between the last point below the target and the first point at
// or above it the crossing is interpolated linearly in y against x (Linear) or log x (LogX, x > 0).
// Repeated x values are averaged first. ("Size for 60 % accuracy": LogX on the number of images.)
Crossing threshold_crossing(const std::vector<double>& x, const std::vector<double>& y, double target,
                            Interpolation interpolation);

// An interval for that crossing from a pointwise band around the curve (lower[i] <= y <= upper[i] at
// x[i], e.g. Wilson intervals of accuracies): the upper band reaches the target first, giving the
// lower end; the lower band last, giving the upper end. An end outside the data is domain_lo (the upper
// band is already above at the smallest x) or domain_hi (the lower band never reaches the target).
// nullopt when the upper band never reaches the target. Pointwise, so approximately 95 % for 95 % bands.
std::optional<Interval> band_crossing(const std::vector<double>& x, const std::vector<double>& lower,
                                      const std::vector<double>& upper, double target, Interpolation interpolation,
                                      double domain_lo, double domain_hi);

const char* crossing_status_name(CrossingStatus s);  // "crossed", "already above", ...

}  // namespace factorlab
