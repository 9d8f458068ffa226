// factorlab/analysis/factorization.h — the orthogonality and parallelism tests of docs/design.md 7.4.
// On a grid of conditions, the points {R(x_i, y_j)}_i at fixed y_j form the x-curve X_j, and the
// points at fixed x_i the y-curve Y_i. Each curve's principal subspace (k directions, subspace.h) is
// fitted, and the statistics are:
//   x_on_y, x_on_x, y_on_y: |cos| of the principal angles between X_j and Y_i (all i, j), between
//     X_j and X_j' (j < j'), between Y_i and Y_i' (i < i'); k values per pair, in [0, 1];
//   x_parallel: cosine similarity of the step vectors R(x_{i+1}, y_j) - R(x_i, y_j) and
//     R(x_{i+1}, y_j') - R(x_i, y_j') for every i and j < j' (y_parallel likewise), in [-1, 1];
//   x_opposite: each x-curve centred on its own mean, the cosine of the centred R(x_i, y_j) and
//     R(x_{i+h}, y_j), h = floor(nx / 2), for every j and every i with i + h < nx (the value half the
//     grid away: the opposite point of a periodic curve), in [-1, 1] (y_opposite likewise);
//   x_curve_pr: participation ratio (sum lambda)^2 / sum lambda^2 of the covariance eigenvalues of
//     each centred x-curve, one value per curve, in [1, nx - 1] (y_curve_pr likewise).
// A factorized representation (Clifford torus) has x_on_y = 0 and parallelism = 1; a coupled one
// (3D torus) does not. Both tori draw each curve as a circle in a plane: opposite cosine
// cos(2 pi h / n) (-1 for even n) and curve PR 2. The paper's model is "hyper-factorized" instead:
// different values of one feature are nearly orthogonal, like the one-hot curve e_1 .. e_n
// (opposite cosine -1 / (n - 1), curve PR n - 1). Each statistic keeps its raw values, a fixed-bin histogram and mean / median /
// std (population, ddof = 0) / count. Reference: arXiv 2408.13256 (orthogonality and parallelism of
// the learned manifold); principal angles after Bjorck & Golub (1973).
// Deliberately not a significance test and no random pairs: every pair of the grid is used.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "factorlab/analysis/factorization_config.h"
#include "factorlab/analysis/points.h"
#include "factorlab/core/config.h"
#include "factorlab/core/json.h"

namespace factorlab {


// The grid behind the labels: distinct sorted mu_x values xs and mu_y values ys (values closer than
// 1e-6 * max(1, max |value|) are one value, so float32 round-off does not split a grid line).
struct ConditionGrid {
  std::vector<double> xs, ys;
  std::vector<Eigen::Index> rows;  // [ny * nx]: the row of labels holding (xs[i], ys[j]) at j * nx + i

  int nx() const { return static_cast<int>(xs.size()); }
  int ny() const { return static_cast<int>(ys.size()); }
  Eigen::Index row(int i, int j) const { return rows[static_cast<std::size_t>(j) * xs.size() + i]; }
};
// labels [n, 2] = (mu_x, mu_y). InputError naming the point when a grid point is missing or present twice.
ConditionGrid build_grid(const Points& labels);

struct Histogram {
  double lo = 0, hi = 1;
  std::vector<std::int64_t> counts;  // [bins]; bin b is [lo + b w, lo + (b + 1) w), the last one closed
  double bin_lo(int b) const { return lo + (hi - lo) * b / static_cast<double>(counts.size()); }
  double bin_hi(int b) const { return lo + (hi - lo) * (b + 1) / static_cast<double>(counts.size()); }
};
// Values outside [lo, hi] go to the first / last bin (they only arise from round-off here); a value
// within 1e-9 bin widths below an inner edge counts in the bin above it.
Histogram make_histogram(const std::vector<double>& values, double lo, double hi, int bins);

struct Statistic {
  std::string name;
  std::vector<double> values;
  Histogram histogram;
  double mean = 0, median = 0, std = 0;  // NaN when count = 0
  std::int64_t count = 0;
  // Values that could not be computed: a missing principal direction (a curve spanning fewer than k
  // dimensions), a pair with a zero-length step vector, a zero-length centred point (opposite) or a
  // curve that is one point (curve PR).
  std::int64_t skipped = 0;
};

struct FactorizationResult {
  int nx = 0, ny = 0, k = 0;
  bool periodic_steps = false;
  Statistic x_on_y, x_on_x, y_on_y, x_parallel, y_parallel;
  Statistic x_opposite, y_opposite, x_curve_pr, y_curve_pr;  // hyper-factorization

  std::vector<const Statistic*> statistics() const {
    return {&x_on_y,     &x_on_x,     &y_on_y,     &x_parallel, &y_parallel,
            &x_opposite, &y_opposite, &x_curve_pr, &y_curve_pr};
  }
};

// representations [n, dim], labels [n, 2], one row per condition (any order). InputError for a bad
// grid, mismatched sizes, non-finite values, or k too large for the curves (k <= points per curve - 1).
FactorizationResult factorization_tests(const Points& representations, const Points& labels,
                                        const FactorizationConfig& cfg);

// The model next to both references (tori.h, default radii) evaluated at the same labels with the
// same config; N is the image side (a = 2 pi mu_x / N).
struct FactorizationReport {
  FactorizationResult model, torus_3d, clifford_torus;
};
FactorizationReport factorization_report(const Points& representations, const Points& labels, double N,
                                         const FactorizationConfig& cfg);

// For analysis.json: summaries and histograms (raw values left out; they are in the struct).
Json to_json(const Statistic& s);
Json to_json(const FactorizationResult& r);
Json to_json(const FactorizationReport& r);  // {"model": ..., "torus_3d": ..., "clifford_torus": ...}

// ortho.csv: statistic, bin_lo, bin_hi, count — one row per bin of each statistic. Atomic.
// For a report the statistic column reads "model.x_on_y", "torus_3d.x_on_y", "clifford_torus.x_on_y", ...
void write_ortho_csv(const std::string& path, const FactorizationResult& r);
void write_ortho_csv(const std::string& path, const FactorizationReport& r);

}  // namespace factorlab
