// Tests for analysis/factorization.h: the orthogonality, parallelism and hyper-factorization
// (opposite-point cosine, curve participation ratio) statistics in closed form on the two reference
// tori, an ellipse and one-hot curves, grid building (missing / duplicate points, row order, round-off),
// degenerate curves, periodic steps, histograms, the config, and the writers.
#include "factorlab/analysis/factorization.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "factorlab/analysis/tori.h"
#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/rng.h"

namespace factorlab {
namespace {

constexpr double kN = 32.0;
constexpr double kRound = 1e-9;  // closed forms on ideal tori: only round-off (PCA of 8 points, SVD)

double max_of(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }
double min_of(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }
std::int64_t pairs(int n) { return static_cast<std::int64_t>(n) * (n - 1) / 2; }

// Clifford torus = product of two circles in orthogonal planes: every x-curve lies in span(e1, e2) and
// every y-curve in span(e3, e4), so x_on_y = 0, x_on_x = y_on_y = 1, and every x-step is the same
// vector for all y (parallelism exactly 1).
TEST(Factorization, CliffordTorusIsFactorized) {
  const int nx = 8, ny = 6;
  const Points labels = grid_labels(nx, ny, kN);
  const FactorizationResult r = factorization_tests(clifford_torus(labels, kN, 1.0, 1.0), labels, {});
  EXPECT_EQ(r.nx, nx);
  EXPECT_EQ(r.ny, ny);
  EXPECT_EQ(r.x_on_y.count, nx * ny * 2);  // every (X_j, Y_i) pair, k = 2 cosines each
  EXPECT_EQ(r.x_on_x.count, pairs(ny) * 2);
  EXPECT_EQ(r.y_on_y.count, pairs(nx) * 2);
  EXPECT_EQ(r.x_parallel.count, (nx - 1) * pairs(ny));
  EXPECT_EQ(r.y_parallel.count, (ny - 1) * pairs(nx));
  EXPECT_LT(max_of(r.x_on_y.values), kRound);
  EXPECT_GT(min_of(r.x_on_x.values), 1 - kRound);
  EXPECT_GT(min_of(r.y_on_y.values), 1 - kRound);
  EXPECT_GT(min_of(r.x_parallel.values), 1 - kRound);
  EXPECT_GT(min_of(r.y_parallel.values), 1 - kRound);
  EXPECT_NEAR(r.x_parallel.mean, 1.0, kRound);
  EXPECT_NEAR(r.x_parallel.std, 0.0, kRound);
  for (const Statistic* s : r.statistics()) EXPECT_EQ(s->skipped, 0) << s->name;
  // Histograms: all of x_on_y in the first bin of [0, 1], all of parallelism in the last bin of [-1, 1].
  EXPECT_EQ(r.x_on_y.histogram.counts.front(), r.x_on_y.count);
  EXPECT_EQ(r.x_parallel.histogram.counts.back(), r.x_parallel.count);
}

// 3D torus ((R + r cos a) cos b, (R + r cos a) sin b, r sin a). X_j (b fixed) lies in the plane
// span((cos b, sin b, 0), e3) and Y_i (a fixed) in span(e1, e2): they share (cos b, sin b, 0) and are
// otherwise perpendicular, so each x_on_y pair gives cosines {1, 0} (mean = median = std = 0.5).
// X_j vs X_j': cosines {1, |cos(b_j - b_j')|}; all Y_i lie in one plane: y_on_y = 1.
// Steps along a at b_j: r (dc cos b_j, dc sin b_j, ds) with dc, ds the differences of cos a, sin a, so
//   cos(step_j, step_j') = (dc^2 cos(b_j - b_j') + ds^2) / (dc^2 + ds^2) < 1: measurably not parallel.
// Steps along b at a_i are (R + r cos a_i) (d cos b, d sin b, 0): the same direction for every a_i,
// so y_parallel = 1 — the coupling shows in x_parallel and x_on_y.
TEST(Factorization, Torus3dIsCoupledInClosedForm) {
  const int nx = 8, ny = 6;
  const Points labels = grid_labels(nx, ny, kN);
  const FactorizationResult r = factorization_tests(torus_3d(labels, kN, 2.0, 1.0), labels, {});
  EXPECT_NEAR(r.x_on_y.mean, 0.5, kRound);
  EXPECT_NEAR(r.x_on_y.median, 0.5, kRound);
  EXPECT_NEAR(r.x_on_y.std, 0.5, kRound);
  EXPECT_EQ(r.x_on_y.histogram.counts.front(), nx * ny);
  EXPECT_EQ(r.x_on_y.histogram.counts.back(), nx * ny);
  EXPECT_GT(min_of(r.y_on_y.values), 1 - kRound);
  EXPECT_GT(min_of(r.y_parallel.values), 1 - kRound);

  const double two_pi = 2 * 3.14159265358979323846;
  std::vector<double> x_on_x, x_par;
  for (int j = 0; j < ny; ++j)
    for (int jj = j + 1; jj < ny; ++jj) {
      x_on_x.push_back(1.0);
      x_on_x.push_back(std::abs(std::cos(two_pi * (j - jj) / ny)));
    }
  for (int i = 0; i + 1 < nx; ++i) {
    const double dc = std::cos(two_pi * (i + 1) / nx) - std::cos(two_pi * i / nx);
    const double ds = std::sin(two_pi * (i + 1) / nx) - std::sin(two_pi * i / nx);
    for (int j = 0; j < ny; ++j)
      for (int jj = j + 1; jj < ny; ++jj)
        x_par.push_back((dc * dc * std::cos(two_pi * (j - jj) / ny) + ds * ds) / (dc * dc + ds * ds));
  }
  for (auto* pair : {&x_on_x, &x_par}) std::sort(pair->begin(), pair->end());
  std::vector<double> got_on_x = r.x_on_x.values, got_par = r.x_parallel.values;
  std::sort(got_on_x.begin(), got_on_x.end());
  std::sort(got_par.begin(), got_par.end());
  ASSERT_EQ(got_on_x.size(), x_on_x.size());
  ASSERT_EQ(got_par.size(), x_par.size());
  for (std::size_t i = 0; i < x_on_x.size(); ++i) EXPECT_NEAR(got_on_x[i], x_on_x[i], kRound);
  for (std::size_t i = 0; i < x_par.size(); ++i) EXPECT_NEAR(got_par[i], x_par[i], kRound);
  // "Measurably lower" than the Clifford torus's 1: on this grid the mean is far below 1.
  EXPECT_LT(r.x_parallel.mean, 0.9);
}

TEST(Factorization, ReportPutsModelNextToBothReferences) {
  const Points labels = grid_labels(5, 4, kN);
  // A "model" that is a rotated, scaled Clifford torus in 6D: the statistics are rotation and scale invariant.
  Rng rng(5);
  Eigen::MatrixXd g(6, 6);
  for (int i = 0; i < 36; ++i) g.data()[i] = rng.normal();
  const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(g).householderQ();
  Points model = Points::Zero(labels.rows(), 6);
  model.leftCols(4) = 3.0 * clifford_torus(labels, kN);
  model = model * q.transpose();
  const FactorizationReport rep = factorization_report(model, labels, kN, {});
  ASSERT_EQ(rep.model.statistics().size(), 9u);
  for (std::size_t s = 0; s < rep.model.statistics().size(); ++s) {
    const Statistic& m = *rep.model.statistics()[s];
    const Statistic& c = *rep.clifford_torus.statistics()[s];
    EXPECT_EQ(m.count, c.count) << m.name;
    EXPECT_NEAR(m.mean, c.mean, kRound) << m.name;
    EXPECT_EQ(m.histogram.counts, c.histogram.counts) << m.name;
  }
  EXPECT_NEAR(rep.torus_3d.x_on_y.mean, 0.5, kRound);
  const Json j = to_json(rep);
  EXPECT_TRUE(j.contains("model") && j.contains("torus_3d") && j.contains("clifford_torus"));
  EXPECT_EQ(j["model"]["x_on_y"]["count"], rep.model.x_on_y.count);
}

// Hyper-factorization on both tori: every x-curve and y-curve of either torus is a circle in a plane
// (3D torus: X_j has radius r around (R cos b, R sin b, 0), Y_i radius R + r cos a in the plane
// z = r sin a), so once centred the opposite point is at angle 2 pi h / n: cosine -1 for even n,
// cos(2 pi h / n) for odd n; each centred curve has two equal covariance eigenvalues: PR 2.
TEST(Factorization, ToriCurvesArePlanarCircles) {
  const double two_pi = 2 * 3.14159265358979323846;
  for (const auto& [nx, ny] : {std::pair<int, int>{8, 6}, std::pair<int, int>{7, 5}}) {
    const Points labels = grid_labels(nx, ny, kN);
    for (const Points& reps : {clifford_torus(labels, kN, 1.0, 0.5), torus_3d(labels, kN, 2.0, 1.0)}) {
      const FactorizationResult r = factorization_tests(reps, labels, {});
      EXPECT_EQ(r.x_opposite.count, ny * (nx - nx / 2));
      EXPECT_EQ(r.y_opposite.count, nx * (ny - ny / 2));
      EXPECT_EQ(r.x_curve_pr.count, ny);
      EXPECT_EQ(r.y_curve_pr.count, nx);
      const double cos_x = std::cos(two_pi * (nx / 2) / nx), cos_y = std::cos(two_pi * (ny / 2) / ny);
      EXPECT_NEAR(min_of(r.x_opposite.values), cos_x, kRound) << nx;
      EXPECT_NEAR(max_of(r.x_opposite.values), cos_x, kRound) << nx;
      EXPECT_NEAR(min_of(r.y_opposite.values), cos_y, kRound) << ny;
      EXPECT_NEAR(max_of(r.y_opposite.values), cos_y, kRound) << ny;
      for (const Statistic* s : {&r.x_curve_pr, &r.y_curve_pr}) {
        EXPECT_NEAR(min_of(s->values), 2.0, kRound) << s->name;
        EXPECT_NEAR(max_of(s->values), 2.0, kRound) << s->name;
        EXPECT_EQ(s->skipped, 0) << s->name;
      }
    }
  }
  // Even n: every opposite cosine is -1, in the first bin of [-1, 1].
  const Points labels = grid_labels(8, 6, kN);
  const FactorizationResult r = factorization_tests(clifford_torus(labels, kN), labels, {});
  EXPECT_NEAR(r.x_opposite.mean, -1.0, kRound);
  EXPECT_EQ(r.x_opposite.histogram.counts.front(), r.x_opposite.count);
}

// An ellipse (2 cos a, sin a) as x-curve: covariance eigenvalues 4 / 2 and 1 / 2 on a uniform grid of
// n >= 3 points, PR (4 + 1)^2 / (16 + 1) = 25 / 17; opposite points are still antipodal (cosine -1).
TEST(Factorization, EllipseCurvePrIsNotTwo) {
  const int nx = 8, ny = 6;
  const Points labels = grid_labels(nx, ny, kN);
  const Points c = clifford_torus(labels, kN);
  Points reps = c;
  reps.col(0) *= 2.0;
  const FactorizationResult r = factorization_tests(reps, labels, {});
  EXPECT_NEAR(r.x_curve_pr.mean, 25.0 / 17.0, kRound);
  EXPECT_NEAR(r.x_curve_pr.std, 0.0, kRound);
  EXPECT_NEAR(r.x_opposite.mean, -1.0, kRound);
  EXPECT_NEAR(r.y_curve_pr.mean, 2.0, kRound);
}

// Hyper-factorized: R(x_i, y_j) = e_i (+) f_j, one-hot in x and in y, orthonormal and concatenated
// [nx + ny]. The centred x-curve point e_i - 1 / nx has squared norm (nx - 1) / nx and dot product
// -1 / nx with any other, so every cosine is -1 / (nx - 1); its covariance (I - 1 1^T / nx) / nx has
// nx - 1 equal eigenvalues: PR nx - 1. Likewise y. Rotated into a larger space: nothing changes.
TEST(Factorization, OneHotCurvesAreHyperFactorized) {
  const int nx = 8, ny = 5, dim = 20;
  const Points labels = grid_labels(nx, ny, kN);
  Points onehot = Points::Zero(nx * ny, nx + ny);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      onehot(j * nx + i, i) = 1.0;
      onehot(j * nx + i, nx + j) = 1.0;
    }
  Rng rng(3);
  Eigen::MatrixXd g(dim, dim);
  for (int i = 0; i < dim * dim; ++i) g.data()[i] = rng.normal();
  const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(g).householderQ();
  Points reps = Points::Zero(nx * ny, dim);
  reps.leftCols(nx + ny) = onehot;
  reps = 5.0 * reps * q.transpose();
  const FactorizationResult r = factorization_tests(reps, labels, {});
  ASSERT_EQ(r.x_opposite.count, ny * (nx - nx / 2));
  ASSERT_EQ(r.y_opposite.count, nx * (ny - ny / 2));
  EXPECT_NEAR(min_of(r.x_opposite.values), -1.0 / (nx - 1), kRound);
  EXPECT_NEAR(max_of(r.x_opposite.values), -1.0 / (nx - 1), kRound);
  EXPECT_NEAR(min_of(r.y_opposite.values), -1.0 / (ny - 1), kRound);
  EXPECT_NEAR(max_of(r.y_opposite.values), -1.0 / (ny - 1), kRound);
  EXPECT_NEAR(r.x_curve_pr.mean, nx - 1.0, kRound);
  EXPECT_NEAR(r.x_curve_pr.std, 0.0, kRound);
  EXPECT_NEAR(r.y_curve_pr.mean, ny - 1.0, kRound);
  // PR nx - 1 = 7 is the top of the histogram [1, 7]: the last (closed) bin.
  EXPECT_DOUBLE_EQ(r.x_curve_pr.histogram.hi, nx - 1.0);
  EXPECT_EQ(r.x_curve_pr.histogram.counts.back(), ny);
  const Json j = to_json(r);
  EXPECT_NEAR(j["x_opposite"]["mean"].get<double>(), -1.0 / (nx - 1), kRound);
  EXPECT_EQ(j["y_curve_pr"]["count"], nx);
}

TEST(Factorization, MissingOrDuplicateGridPointIsInputError) {
  const Points labels = grid_labels(4, 4, kN);  // values 0, 8, 16, 24 on both axes
  const Points reps = clifford_torus(labels, kN);
  // Drop the row of (mu_x = 8, mu_y = 16): row 2 * 4 + 1 = 9.
  Points l2(15, 2), r2(15, 4);
  for (int i = 0, o = 0; i < 16; ++i)
    if (i != 9) l2.row(o) = labels.row(i), r2.row(o++) = reps.row(i);
  try {
    factorization_tests(r2, l2, {});
    FAIL() << "no InputError for a missing grid point";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("(mu_x = 8, mu_y = 16) is missing"), std::string::npos) << what;
  }
  Points l3 = labels;
  l3.row(9) = labels.row(10);  // (16, 16) twice, (8, 16) missing: the duplicate is reported first
  try {
    build_grid(l3);
    FAIL() << "no InputError for a duplicate grid point";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("appears twice"), std::string::npos) << e.what();
  }
  EXPECT_THROW(factorization_tests(reps.topRows(15), labels, {}), InputError);  // row counts differ
}

TEST(Factorization, RowOrderAndFloatRoundOffDoNotMatter) {
  const Points labels = grid_labels(6, 5, kN);
  const Points reps = torus_3d(labels, kN);
  std::vector<Eigen::Index> perm(static_cast<std::size_t>(labels.rows()));
  for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = static_cast<Eigen::Index>(i);
  Rng rng(9);
  rng.shuffle(perm);
  Points l2(labels.rows(), 2), r2(reps.rows(), reps.cols());
  for (std::size_t i = 0; i < perm.size(); ++i) {
    // float32 storage of the labels moves them by up to ~1e-6 relative; the grid must not split.
    l2(static_cast<Eigen::Index>(i), 0) = static_cast<float>(labels(perm[i], 0) + 1e-7);
    l2(static_cast<Eigen::Index>(i), 1) = static_cast<float>(labels(perm[i], 1));
    r2.row(static_cast<Eigen::Index>(i)) = reps.row(perm[i]);
  }
  const FactorizationResult a = factorization_tests(reps, labels, {}), b = factorization_tests(r2, l2, {});
  EXPECT_EQ(b.nx, 6);
  EXPECT_EQ(b.ny, 5);
  for (std::size_t s = 0; s < a.statistics().size(); ++s) {
    const Statistic& x = *a.statistics()[s];
    const Statistic& y = *b.statistics()[s];
    EXPECT_EQ(x.values.size(), y.values.size()) << x.name;
    EXPECT_NEAR(x.mean, y.mean, 1e-12) << x.name;
    EXPECT_NEAR(x.median, y.median, 1e-12) << x.name;
  }
}

// A representation that ignores mu_y: y-curves are single points (no principal direction), y-steps are 0.
TEST(Factorization, DegenerateCurvesAreSkippedNotCounted) {
  const int nx = 5, ny = 4;
  const Points labels = grid_labels(nx, ny, kN);
  const Points reps = clifford_torus(labels, kN).leftCols(2);
  const FactorizationResult r = factorization_tests(reps, labels, {});
  EXPECT_EQ(r.x_on_y.count, 0);
  EXPECT_EQ(r.x_on_y.skipped, nx * ny * 2);
  EXPECT_TRUE(std::isnan(r.x_on_y.mean));
  EXPECT_EQ(r.y_on_y.skipped, pairs(nx) * 2);
  EXPECT_EQ(r.y_parallel.count, 0);
  EXPECT_EQ(r.y_parallel.skipped, (ny - 1) * pairs(nx));
  EXPECT_EQ(r.x_on_x.count, pairs(ny) * 2);
  EXPECT_GT(min_of(r.x_on_x.values), 1 - kRound);
  EXPECT_GT(min_of(r.x_parallel.values), 1 - kRound);
  EXPECT_TRUE(to_json(r)["x_on_y"]["mean"].is_null());
  // Every centred point of a y-curve is zero: no opposite cosine, no curve PR.
  EXPECT_EQ(r.y_opposite.count, 0);
  EXPECT_EQ(r.y_opposite.skipped, nx * (ny - ny / 2));
  EXPECT_EQ(r.y_curve_pr.count, 0);
  EXPECT_EQ(r.y_curve_pr.skipped, nx);
  EXPECT_TRUE(to_json(r)["y_curve_pr"]["mean"].is_null());
  EXPECT_EQ(r.x_opposite.count, ny * (nx - nx / 2));
  EXPECT_EQ(r.x_curve_pr.count, ny);
}

TEST(Factorization, PeriodicStepsAddTheWrapAroundStep) {
  const int nx = 6, ny = 5;
  const Points labels = grid_labels(nx, ny, kN);
  FactorizationConfig cfg;
  cfg.periodic_steps = true;
  const FactorizationResult r = factorization_tests(clifford_torus(labels, kN), labels, cfg);
  EXPECT_EQ(r.x_parallel.count, nx * pairs(ny));
  EXPECT_EQ(r.y_parallel.count, ny * pairs(nx));
  EXPECT_GT(min_of(r.x_parallel.values), 1 - kRound);  // the wrap step is parallel too on the Clifford torus
}

TEST(Factorization, KTooLargeForTheCurvesIsInputError) {
  const Points labels = grid_labels(3, 5, kN);
  FactorizationConfig cfg;
  cfg.k = 3;  // x-curves have 3 points: at most 2 directions
  EXPECT_THROW(factorization_tests(clifford_torus(labels, kN), labels, cfg), InputError);
  cfg.k = 2;
  EXPECT_NO_THROW(factorization_tests(clifford_torus(labels, kN), labels, cfg));
}

TEST(Factorization, ConfigVisitAndValidate) {
  FactorizationConfig cfg;
  read_config(parse_toml("k = 3\nbins = 10\nperiodic_steps = true\n", "test"), cfg);
  EXPECT_EQ(cfg.k, 3);
  EXPECT_EQ(cfg.bins, 10);
  EXPECT_TRUE(cfg.periodic_steps);
  const toml::table written = write_config(cfg);
  FactorizationConfig back;
  read_config(written, back);
  EXPECT_EQ(back.k, 3);
  EXPECT_THROW(read_config(parse_toml("kk = 3\n", "test"), cfg), InputError);
  cfg.k = 0;
  EXPECT_THROW(cfg.validate(), InputError);
  cfg.k = 2;
  cfg.bins = 0;
  EXPECT_THROW(cfg.validate(), InputError);
}

TEST(Factorization, HistogramBinsAndEdges) {
  // Bins of width 0.1 on [0, 1]; 1.0 belongs to the last (closed) bin; round-off outside is clamped.
  const Histogram h = make_histogram({0.0, 0.05, 0.1, 0.55, 1.0, -1e-17, 1.0 + 1e-16}, 0.0, 1.0, 10);
  const std::vector<std::int64_t> expected = {3, 1, 0, 0, 0, 1, 0, 0, 0, 2};
  EXPECT_EQ(h.counts, expected);
  EXPECT_DOUBLE_EQ(h.bin_lo(5), 0.5);
  EXPECT_DOUBLE_EQ(h.bin_hi(9), 1.0);
}

TEST(Factorization, OrthoCsv) {
  const Points labels = grid_labels(4, 4, kN);
  FactorizationConfig cfg;
  cfg.bins = 4;
  const FactorizationResult r = factorization_tests(torus_3d(labels, kN), labels, cfg);
  const std::string dir = std::string(FACTORLAB_BINARY_DIR) + "/test_output/analysis_factorization";
  make_dirs(dir);
  write_ortho_csv(dir + "/ortho.csv", r);
  std::istringstream in(read_file(dir + "/ortho.csv"));
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  ASSERT_EQ(lines.size(), 1u + 9 * 4);
  EXPECT_EQ(lines[0], "statistic,bin_lo,bin_hi,count");
  EXPECT_EQ(lines[1], "x_on_y,0,0.25," + std::to_string(r.x_on_y.histogram.counts[0]));
  EXPECT_EQ(lines[13].substr(0, 14), "x_parallel,-1,");
  EXPECT_EQ(lines[21].substr(0, 14), "x_opposite,-1,");
  // Curve PR of 4-point curves: bins of [1, 3].
  EXPECT_EQ(lines[29], "x_curve_pr,1,1.5," + std::to_string(r.x_curve_pr.histogram.counts[0]));
  const FactorizationReport rep = factorization_report(torus_3d(labels, kN), labels, kN, cfg);
  write_ortho_csv(dir + "/ortho_report.csv", rep);
  const std::string text = read_file(dir + "/ortho_report.csv");
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1 + 3 * 9 * 4);
  EXPECT_NE(text.find("\nmodel.y_opposite,-1,"), std::string::npos);
  EXPECT_NE(text.find("\nclifford_torus.y_parallel,0.5,1,"), std::string::npos);
}

}  // namespace
}  // namespace factorlab
