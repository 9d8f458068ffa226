// factorlab/analysis/factorization.cpp — see factorization.h.
#include "factorlab/analysis/factorization.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "factorlab/analysis/subspace.h"
#include "factorlab/analysis/tori.h"
#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"

namespace factorlab {
namespace {

// Distinct values of one label column and each row's index among them (single-linkage merge of
// values closer than the tolerance, so a chain of tiny differences stays one value).
std::vector<double> distinct_values(const Points& labels, int col, std::vector<int>& index_of_row) {
  const Eigen::Index n = labels.rows();
  std::vector<std::pair<double, Eigen::Index>> v(static_cast<std::size_t>(n));
  double scale = 1.0;
  for (Eigen::Index r = 0; r < n; ++r) {
    v[static_cast<std::size_t>(r)] = {labels(r, col), r};
    scale = std::max(scale, std::abs(labels(r, col)));
  }
  std::sort(v.begin(), v.end());
  const double tol = 1e-6 * scale;
  std::vector<double> values;
  index_of_row.assign(static_cast<std::size_t>(n), -1);
  for (std::size_t s = 0; s < v.size(); ++s) {
    if (s == 0 || v[s].first - v[s - 1].first > tol) values.push_back(v[s].first);
    index_of_row[static_cast<std::size_t>(v[s].second)] = static_cast<int>(values.size()) - 1;
  }
  return values;
}

Statistic make_statistic(std::string name, std::vector<double> values, double lo, double hi, int bins,
                         std::int64_t skipped) {
  Statistic s;
  s.name = std::move(name);
  s.histogram = make_histogram(values, lo, hi, bins);
  s.count = static_cast<std::int64_t>(values.size());
  s.skipped = skipped;
  if (values.empty()) {
    s.mean = s.median = s.std = std::numeric_limits<double>::quiet_NaN();
  } else {
    double sum = 0;
    for (double x : values) sum += x;
    s.mean = sum / values.size();
    double ss = 0;
    for (double x : values) ss += (x - s.mean) * (x - s.mean);
    s.std = std::sqrt(ss / values.size());
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t m = sorted.size() / 2;
    s.median = sorted.size() % 2 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
  }
  s.values = std::move(values);
  return s;
}

// Principal subspaces of the curves: along x at each y_j (along_x) or along y at each x_i.
std::vector<Eigen::MatrixXd> curve_subspaces(const Points& reps, const ConditionGrid& g, bool along_x, int k) {
  const int n_curves = along_x ? g.ny() : g.nx(), n_points = along_x ? g.nx() : g.ny();
  std::vector<Eigen::MatrixXd> bases;
  Points curve(n_points, reps.cols());
  for (int c = 0; c < n_curves; ++c) {
    for (int p = 0; p < n_points; ++p) curve.row(p) = reps.row(along_x ? g.row(p, c) : g.row(c, p));
    bases.push_back(principal_subspace(curve, k));
  }
  return bases;
}

// |cos| of principal angles for the pairs (a[s], b[t]); same_set: only s < t.
Statistic angle_statistic(const char* name, const std::vector<Eigen::MatrixXd>& a,
                          const std::vector<Eigen::MatrixXd>& b, bool same_set, int k, int bins) {
  std::vector<double> values;
  std::int64_t skipped = 0;
  for (std::size_t s = 0; s < a.size(); ++s)
    for (std::size_t t = same_set ? s + 1 : 0; t < b.size(); ++t) {
      const Eigen::VectorXd c = principal_angle_cosines(a[s], b[t]);
      values.insert(values.end(), c.data(), c.data() + c.size());
      skipped += k - c.size();
    }
  return make_statistic(name, std::move(values), 0.0, 1.0, bins, skipped);
}

// Cosine similarity of corresponding steps: for each step index along the curve direction, all pairs
// of curves. along_x: steps R(x_{i+1}, y_j) - R(x_i, y_j), compared across j.
Statistic parallel_statistic(const char* name, const Points& reps, const ConditionGrid& g, bool along_x,
                             bool periodic, int bins) {
  const int n_along = along_x ? g.nx() : g.ny(), n_across = along_x ? g.ny() : g.nx();
  const int n_steps = periodic ? n_along : n_along - 1;
  auto at = [&](int along, int across) { return along_x ? g.row(along, across) : g.row(across, along); };

  // Step s for every curve across, [n_across, dim]; built twice (norms, then cosines) rather than kept,
  // so memory stays one step matrix, not a copy of the whole representation.
  Points m(n_across, reps.cols());
  auto fill = [&](int s) {
    for (int c = 0; c < n_across; ++c) m.row(c) = reps.row(at((s + 1) % n_along, c)) - reps.row(at(s, c));
  };
  double max_norm = 0;
  for (int s = 0; s < n_steps; ++s) {
    fill(s);
    max_norm = std::max(max_norm, m.rowwise().norm().maxCoeff());
  }
  // A step that is zero up to round-off has no direction; its pairs are skipped, not counted as 0.
  const double zero = 1e-12 * max_norm;
  std::vector<double> values;
  std::int64_t skipped = 0;
  for (int s = 0; s < n_steps; ++s) {
    fill(s);
    const Eigen::VectorXd norms = m.rowwise().norm();
    for (int c = 0; c < n_across; ++c)
      if (norms(c) > zero) m.row(c) /= norms(c);
    const Eigen::MatrixXd cos = m * m.transpose();  // [n_across, n_across]
    for (int c = 0; c < n_across; ++c)
      for (int d = c + 1; d < n_across; ++d) {
        if (norms(c) > zero && norms(d) > zero)
          values.push_back(std::clamp(cos(c, d), -1.0, 1.0));
        else
          ++skipped;
      }
  }
  return make_statistic(name, std::move(values), -1.0, 1.0, bins, skipped);
}

// The shape of each curve on its own (hyper-factorization): every x-curve (along_x) or y-curve is
// centred on its mean; its Gram matrix G = C C^T [n_points, n_points] gives both the cosines of
// opposite points, G(i, i+h) / sqrt(G(i, i) G(i+h, i+h)), and the participation ratio of its
// covariance, (tr G)^2 / ||G||_F^2 (C^T C and C C^T share their non-zero eigenvalues; the 1 / n of the
// covariance cancels). zero: a centred point shorter than this has no direction.
void curve_shape_statistics(const Points& reps, const ConditionGrid& g, bool along_x, double zero, int bins,
                            Statistic& opposite, Statistic& curve_pr) {
  const int n_curves = along_x ? g.ny() : g.nx(), n_points = along_x ? g.nx() : g.ny();
  const int h = n_points / 2;
  const char* axis = along_x ? "x" : "y";
  std::vector<double> cosines, ratios;
  std::int64_t skipped_cos = 0, skipped_pr = 0;
  Points curve(n_points, reps.cols());
  for (int c = 0; c < n_curves; ++c) {
    for (int p = 0; p < n_points; ++p) curve.row(p) = reps.row(along_x ? g.row(p, c) : g.row(c, p));
    const Eigen::RowVectorXd mean = curve.colwise().mean();  // a copy: the curve changes below
    curve.rowwise() -= mean;
    const Eigen::MatrixXd gram = curve * curve.transpose();
    const Eigen::VectorXd norms = gram.diagonal().cwiseMax(0.0).cwiseSqrt();
    for (int i = 0; i + h < n_points; ++i) {
      if (norms(i) > zero && norms(i + h) > zero)
        cosines.push_back(std::clamp(gram(i, i + h) / (norms(i) * norms(i + h)), -1.0, 1.0));
      else
        ++skipped_cos;
    }
    if (norms.maxCoeff() > zero) {
      const double trace = gram.trace(), frob2 = gram.squaredNorm();
      ratios.push_back(trace * trace / frob2);
    } else {
      ++skipped_pr;
    }
  }
  opposite = make_statistic(std::string(axis) + "_opposite", std::move(cosines), -1.0, 1.0, bins, skipped_cos);
  // A centred n-point curve spans at most n - 1 dimensions, so its PR lies in [1, n - 1].
  curve_pr = make_statistic(std::string(axis) + "_curve_pr", std::move(ratios), 1.0,
                            std::max(2.0, n_points - 1.0), bins, skipped_pr);
}

std::string csv_rows(const std::string& prefix, const FactorizationResult& r) {
  std::string text;
  for (const Statistic* s : r.statistics())
    for (int b = 0; b < static_cast<int>(s->histogram.counts.size()); ++b)
      text += prefix + s->name + "," + format_number(s->histogram.bin_lo(b)) + "," +
              format_number(s->histogram.bin_hi(b)) + "," +
              std::to_string(s->histogram.counts[static_cast<std::size_t>(b)]) + "\n";
  return text;
}

const char* const kCsvHeader = "statistic,bin_lo,bin_hi,count\n";
constexpr double kEdgeSlack = 1e-9;  // in bin widths

}  // namespace

ConditionGrid build_grid(const Points& labels) {
  require(labels.cols() == 2, "labels must have 2 columns (mu_x, mu_y), got " + std::to_string(labels.cols()));
  require(labels.rows() >= 1, "labels are empty");
  require(labels.allFinite(), "labels contain NaN or infinite values");
  ConditionGrid g;
  std::vector<int> ix, iy;
  g.xs = distinct_values(labels, 0, ix);
  g.ys = distinct_values(labels, 1, iy);
  g.rows.assign(g.xs.size() * g.ys.size(), -1);
  for (Eigen::Index r = 0; r < labels.rows(); ++r) {
    const std::size_t i = static_cast<std::size_t>(ix[static_cast<std::size_t>(r)]);
    const std::size_t j = static_cast<std::size_t>(iy[static_cast<std::size_t>(r)]);
    Eigen::Index& slot = g.rows[j * g.xs.size() + i];
    if (slot >= 0)
      throw InputError("labels: grid point (mu_x = " + format_number(g.xs[i]) + ", mu_y = " + format_number(g.ys[j]) +
                       ") appears twice (rows " + std::to_string(slot) + " and " + std::to_string(r) + ")");
    slot = r;
  }
  const auto missing = std::count(g.rows.begin(), g.rows.end(), Eigen::Index(-1));
  if (missing > 0) {
    const std::size_t first = static_cast<std::size_t>(std::find(g.rows.begin(), g.rows.end(), -1) - g.rows.begin());
    throw InputError("labels: grid point (mu_x = " + format_number(g.xs[first % g.xs.size()]) + ", mu_y = " +
                     format_number(g.ys[first / g.xs.size()]) + ") is missing (" + std::to_string(missing) +
                     " of the " + std::to_string(g.xs.size()) + " x " + std::to_string(g.ys.size()) +
                     " grid points are missing; every (mu_x, mu_y) pair must be present once)");
  }
  return g;
}

Histogram make_histogram(const std::vector<double>& values, double lo, double hi, int bins) {
  require(bins >= 1 && hi > lo, "histogram: need bins >= 1 and hi > lo");
  Histogram h;
  h.lo = lo;
  h.hi = hi;
  h.counts.assign(static_cast<std::size_t>(bins), 0);
  for (double v : values) {
    // A value a hair below an edge counts in the bin above it, so round-off cannot split values that
    // are equal in exact arithmetic (a curve PR of exactly 2 sits on an edge for many grid sizes).
    const double t = (v - lo) / (hi - lo) * bins + kEdgeSlack;
    const int b = std::clamp(static_cast<int>(std::floor(t)), 0, bins - 1);
    ++h.counts[static_cast<std::size_t>(b)];
  }
  return h;
}

FactorizationResult factorization_tests(const Points& representations, const Points& labels,
                                        const FactorizationConfig& cfg) {
  cfg.validate();
  require(representations.rows() == labels.rows(),
          "representations have " + std::to_string(representations.rows()) + " rows but labels have " +
              std::to_string(labels.rows()));
  require(representations.cols() >= 1, "representations have no features");
  require(representations.allFinite(), "representations contain NaN or infinite values");
  const ConditionGrid g = build_grid(labels);
  const int per_curve = std::min(g.nx(), g.ny());
  require(cfg.k <= per_curve - 1, "factorization.k = " + std::to_string(cfg.k) + " needs at least " +
                                      std::to_string(cfg.k + 1) + " points per curve, but the grid has " +
                                      std::to_string(g.nx()) + " x values and " + std::to_string(g.ny()) +
                                      " y values");

  FactorizationResult r;
  r.nx = g.nx();
  r.ny = g.ny();
  r.k = cfg.k;
  r.periodic_steps = cfg.periodic_steps;
  const auto x_curves = curve_subspaces(representations, g, true, cfg.k);   // X_j, one per y_j
  const auto y_curves = curve_subspaces(representations, g, false, cfg.k);  // Y_i, one per x_i
  r.x_on_y = angle_statistic("x_on_y", x_curves, y_curves, false, cfg.k, cfg.bins);
  r.x_on_x = angle_statistic("x_on_x", x_curves, x_curves, true, cfg.k, cfg.bins);
  r.y_on_y = angle_statistic("y_on_y", y_curves, y_curves, true, cfg.k, cfg.bins);
  r.x_parallel = parallel_statistic("x_parallel", representations, g, true, cfg.periodic_steps, cfg.bins);
  r.y_parallel = parallel_statistic("y_parallel", representations, g, false, cfg.periodic_steps, cfg.bins);
  // The scale below which a centred point is zero: the representation's own spread, so a curve that
  // is one point up to round-off is skipped whatever the other curves look like.
  const Eigen::RowVectorXd centre = representations.colwise().mean();  // evaluated once, not per element
  const double zero = 1e-12 * (representations.rowwise() - centre).rowwise().norm().maxCoeff();
  curve_shape_statistics(representations, g, true, zero, cfg.bins, r.x_opposite, r.x_curve_pr);
  curve_shape_statistics(representations, g, false, zero, cfg.bins, r.y_opposite, r.y_curve_pr);
  return r;
}

FactorizationReport factorization_report(const Points& representations, const Points& labels, double N,
                                         const FactorizationConfig& cfg) {
  FactorizationReport rep;
  rep.model = factorization_tests(representations, labels, cfg);
  rep.torus_3d = factorization_tests(torus_3d(labels, N), labels, cfg);
  rep.clifford_torus = factorization_tests(clifford_torus(labels, N), labels, cfg);
  return rep;
}

Json to_json(const Statistic& s) {
  Json j;
  j["count"] = s.count;
  j["skipped"] = s.skipped;
  j["mean"] = number_or_null(s.mean);  // null when count = 0
  j["median"] = number_or_null(s.median);
  j["std"] = number_or_null(s.std);
  j["histogram"] = {{"lo", s.histogram.lo}, {"hi", s.histogram.hi}, {"counts", s.histogram.counts}};
  return j;
}

Json to_json(const FactorizationResult& r) {
  Json j;
  j["nx"] = r.nx;
  j["ny"] = r.ny;
  j["k"] = r.k;
  j["periodic_steps"] = r.periodic_steps;
  for (const Statistic* s : r.statistics()) j[s->name] = to_json(*s);
  return j;
}

Json to_json(const FactorizationReport& r) {
  return {{"model", to_json(r.model)}, {"torus_3d", to_json(r.torus_3d)}, {"clifford_torus", to_json(r.clifford_torus)}};
}

void write_ortho_csv(const std::string& path, const FactorizationResult& r) {
  write_file_atomic(path, kCsvHeader + csv_rows("", r));
}

void write_ortho_csv(const std::string& path, const FactorizationReport& r) {
  write_file_atomic(path, kCsvHeader + csv_rows("model.", r.model) + csv_rows("torus_3d.", r.torus_3d) +
                              csv_rows("clifford_torus.", r.clifford_torus));
}

}  // namespace factorlab
