// Tests for analysis/pca.h: PCA of Gaussian data with a known covariance, Gram vs covariance paths,
// the participation ratio of the two reference tori in closed form, n_components_for, the writers.
#include "factorlab/analysis/pca.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "factorlab/analysis/tori.h"
#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/rng.h"

namespace factorlab {
namespace {

Points gaussian(Rng& rng, int n, const std::vector<double>& stds) {
  Points p(n, static_cast<Eigen::Index>(stds.size()));
  for (int i = 0; i < n; ++i)
    for (std::size_t d = 0; d < stds.size(); ++d) p(i, static_cast<Eigen::Index>(d)) = stds[d] * rng.normal();
  return p;
}

// A fixed orthogonal matrix from the QR decomposition of a seeded Gaussian matrix.
Eigen::MatrixXd random_rotation(Rng& rng, int d) {
  Eigen::MatrixXd g(d, d);
  for (int i = 0; i < d; ++i)
    for (int j = 0; j < d; ++j) g(i, j) = rng.normal();
  return Eigen::HouseholderQR<Eigen::MatrixXd>(g).householderQ();
}

// Sample covariance of n Gaussian points: each variance estimate has relative standard deviation
// sqrt(2 / (n - 1)) (= 0.0224 for n = 4000); with well-separated eigenvalues the off-diagonal noise
// moves the eigenvalues only at second order. Tolerance: 5 standard deviations, relative.
TEST(Pca, KnownDiagonalCovarianceRotated) {
  const int n = 4000;
  const std::vector<double> stds = {3.0, 2.0, 1.5, 1.0, 0.5};
  Rng rng(1234);
  const Points x = gaussian(rng, n, stds);
  const Eigen::MatrixXd q = random_rotation(rng, 5);
  Points y = x * q.transpose();  // covariance Q diag(s^2) Q^T: eigenvectors are the columns of Q
  y.rowwise() += Eigen::RowVectorXd::LinSpaced(5, -10, 10);  // an offset that centring must remove

  const PcaResult r = pca(y, 5);
  EXPECT_EQ(r.method, PcaMethod::Covariance);  // dim 5 <= n
  ASSERT_EQ(r.eigenvalues.size(), 5);
  const double tol = 5.0 * std::sqrt(2.0 / (n - 1));
  for (int i = 0; i < 5; ++i) {
    const double var = stds[static_cast<std::size_t>(i)] * stds[static_cast<std::size_t>(i)];
    EXPECT_NEAR(r.eigenvalues(i) / var, 1.0, tol) << "eigenvalue " << i;
    // Direction: |cos| between the component and the true eigenvector close to 1.
    EXPECT_GT(std::abs(r.components.row(i).dot(q.col(i).transpose())), 0.99) << "component " << i;
  }
  for (int i = 0; i + 1 < 5; ++i) EXPECT_GE(r.eigenvalues(i), r.eigenvalues(i + 1));
  EXPECT_NEAR(r.explained_ratio.sum(), 1.0, 1e-12);
  // Components orthonormal; projections = centred data times components.
  EXPECT_LT((r.components * r.components.transpose() - Eigen::MatrixXd::Identity(5, 5)).cwiseAbs().maxCoeff(), 1e-12);
  const Points centred = y.rowwise() - r.mean.transpose();
  EXPECT_LT((r.projections - centred * r.components.transpose()).cwiseAbs().maxCoeff(), 1e-9);
  // With all components kept, projections reconstruct the data exactly.
  EXPECT_LT((r.projections * r.components - centred).cwiseAbs().maxCoeff(), 1e-9);
  // The variance of each projection is its eigenvalue (1 / (n - 1) normalisation).
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(r.projections.col(i).squaredNorm() / (n - 1), r.eigenvalues(i), 1e-9);
}

// The covariance [dim, dim] and Gram [n, n] problems share their nonzero spectrum; the paths must
// agree to round-off (1e-10 relative to the largest eigenvalue), in both shapes.
TEST(Pca, GramAndCovariancePathsAgree) {
  Rng rng(7);
  for (const auto& [n, d] : std::vector<std::pair<int, int>>{{40, 60}, {60, 40}, {25, 25}}) {
    std::vector<double> stds;
    for (int i = 0; i < d; ++i) stds.push_back(1.0 + 0.1 * i);  // distinct scales: a non-flat spectrum
    const Points x = gaussian(rng, n, stds);
    const PcaResult c = pca(x, 6, PcaMethod::Covariance);
    const PcaResult g = pca(x, 6, PcaMethod::Gram);
    EXPECT_EQ(c.method, PcaMethod::Covariance);
    EXPECT_EQ(g.method, PcaMethod::Gram);
    EXPECT_EQ(pca(x, 1).method, d <= n ? PcaMethod::Covariance : PcaMethod::Gram) << n << " x " << d;
    ASSERT_EQ(c.eigenvalues.size(), std::min(n - 1, d));
    ASSERT_EQ(g.eigenvalues.size(), c.eigenvalues.size());
    const double scale = c.eigenvalues(0);
    EXPECT_LT((c.eigenvalues - g.eigenvalues).cwiseAbs().maxCoeff(), 1e-10 * scale) << n << " x " << d;
    for (int i = 0; i < 6; ++i) {
      EXPECT_NEAR(std::abs(c.components.row(i).dot(g.components.row(i))), 1.0, 1e-8) << "component " << i;
      // Same sign convention on both paths, so the projections agree outright.
      EXPECT_LT((c.projections.col(i) - g.projections.col(i)).cwiseAbs().maxCoeff(), 1e-7 * std::sqrt(scale));
    }
    EXPECT_NEAR(c.participation_ratio(), g.participation_ratio(), 1e-9);
    EXPECT_LT((g.components * g.components.transpose() - Eigen::MatrixXd::Identity(6, 6)).cwiseAbs().maxCoeff(), 1e-10);
  }
}

// Clifford torus (r1 cos a, r1 sin a, r2 cos b, r2 sin b) on a uniform periodic grid (nx, ny >= 3):
// sum_a cos a = sum_a sin a = sum_a cos a sin a = 0 and sum_a cos^2 a = nx / 2, so the covariance is
// diag(r1^2, r1^2, r2^2, r2^2) / 2 (times n / (n - 1)); with r1 = r2 all four eigenvalues are equal and
// the participation ratio is exactly 4. Tolerance: round-off, 1e-9.
TEST(Pca, ParticipationRatioCliffordTorusIsFour) {
  const Points labels = grid_labels(16, 12, 32.0);
  const PcaResult r = pca(clifford_torus(labels, 32.0, 1.5, 1.5), 4);
  EXPECT_NEAR(r.participation_ratio(), 4.0, 1e-9);
  EXPECT_EQ(r.numerical_rank(), 4);
  EXPECT_EQ(r.n_components_for(0.95), 4);
  // Unequal radii: eigenvalues r1^2/2 (x2), r2^2/2 (x2): PR = 2 (r1^2 + r2^2)^2 / (r1^4 + r2^4).
  const PcaResult u = pca(clifford_torus(labels, 32.0, 2.0, 1.0), 4);
  EXPECT_NEAR(u.participation_ratio(), 2.0 * 25.0 / 17.0, 1e-9);
}

// 3D torus ((R + r cos a) cos b, (R + r cos a) sin b, r sin a) on a uniform periodic grid (nx, ny >= 3).
// Means are 0 (sum_b cos b = sum_b sin b = 0, sum_a sin a = 0). Second moments (population):
//   E[x^2] = E[(R + r cos a)^2] E[cos^2 b] = (R^2 + r^2 / 2) / 2 = E[y^2],   E[z^2] = r^2 / 2,
//   E[xy] ~ E[cos b sin b] = 0,  E[xz], E[yz] ~ E[cos b], E[sin b] = 0.
// So lambda = {(R^2 + r^2/2)/2, (R^2 + r^2/2)/2, r^2/2}, sum = R^2 + r^2, and
//   PR = (R^2 + r^2)^2 / ((R^2 + r^2/2)^2 / 2 + r^4 / 4)    (R = 2, r = 1: 25 / 10.375 = 2.4096...).
// The 1 / (n - 1) normalisation cancels in the ratio. Tolerance: round-off, 1e-9.
TEST(Pca, ParticipationRatio3dTorusClosedForm) {
  for (const auto& [R, r] : std::vector<std::pair<double, double>>{{2.0, 1.0}, {3.0, 0.5}, {1.2, 1.0}}) {
    const Points labels = grid_labels(12, 20, 32.0);
    const PcaResult p = pca(torus_3d(labels, 32.0, R, r), 3);
    const double big = (R * R + r * r / 2) / 2, small = r * r / 2;
    const double expected = std::pow(R * R + r * r, 2) / (2 * big * big + small * small);
    EXPECT_NEAR(p.participation_ratio(), expected, 1e-9) << "R = " << R << ", r = " << r;
    const double n = labels.rows();
    EXPECT_NEAR(p.eigenvalues(0), big * n / (n - 1), 1e-9);
    EXPECT_NEAR(p.eigenvalues(2), small * n / (n - 1), 1e-9);
  }
  EXPECT_NEAR(pca(torus_3d(grid_labels(12, 20, 32.0), 32.0), 3).participation_ratio(), 25.0 / 10.375, 1e-9);
}

TEST(Pca, ComponentsForFractionAndParticipationOfKnownSpectrum) {
  PcaResult r;
  r.eigenvalues = Eigen::Vector4d(5, 3, 1, 1);
  EXPECT_EQ(r.n_components_for(0.5), 1);   // 5 / 10
  EXPECT_EQ(r.n_components_for(0.8), 2);   // 8 / 10 exactly
  EXPECT_EQ(r.n_components_for(0.95), 4);  // 9 / 10 < 0.95
  EXPECT_EQ(r.n_components_for(1.0), 4);
  EXPECT_NEAR(r.participation_ratio(), 100.0 / 36.0, 1e-12);
  EXPECT_THROW(r.n_components_for(0.0), InputError);
  EXPECT_THROW(r.n_components_for(1.5), InputError);
}

TEST(Pca, DegenerateAndBadInput) {
  // Identical points: no variance, PR and component counts 0, not NaN.
  const Points same = Points::Constant(5, 3, 2.0);
  const PcaResult r = pca(same, 2);
  EXPECT_EQ(r.participation_ratio(), 0.0);
  EXPECT_EQ(r.n_components_for(0.95), 0);
  EXPECT_EQ(r.numerical_rank(), 0);
  // Points on a line through 3 features: one direction, PR 1.
  Points line(6, 3);
  for (int i = 0; i < 6; ++i) line.row(i) = Eigen::RowVector3d(1, 2, -1) * i;
  EXPECT_NEAR(pca(line, 3).participation_ratio(), 1.0, 1e-12);
  EXPECT_EQ(pca(line, 3).numerical_rank(), 1);
  // k is clamped to min(n - 1, dim).
  EXPECT_EQ(pca(line, 10).components.rows(), 3);
  EXPECT_THROW(pca(Points::Zero(1, 3), 1), InputError);
  EXPECT_THROW(pca(line, -1), InputError);
  Points bad = line;
  bad(2, 1) = std::nan("");
  EXPECT_THROW(pca(bad, 1), InputError);
}

TEST(Pca, CsvAndJson) {
  Rng rng(3);
  const PcaResult r = pca(gaussian(rng, 50, {2.0, 1.0, 0.5}), 2);
  const std::string dir = std::string(FACTORLAB_BINARY_DIR) + "/test_output/analysis_pca";
  make_dirs(dir);
  write_pca_csv(dir + "/pca.csv", r);
  std::istringstream in(read_file(dir + "/pca.csv"));
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "component,eigenvalue,explained_ratio,cumulative");
  EXPECT_EQ(lines[1].substr(0, 2), "1,");
  EXPECT_EQ(lines[3].substr(lines[3].rfind(',') + 1), "1");  // cumulative ratio ends at 1
  const Json j = to_json(r);
  EXPECT_EQ(j["n_points"], 50);
  EXPECT_EQ(j["dim"], 3);
  EXPECT_EQ(j["method"], "covariance");
  EXPECT_EQ(j["eigenvalues"].size(), 3u);
  EXPECT_NEAR(j["participation_ratio"].get<double>(), r.participation_ratio(), 1e-15);
  EXPECT_EQ(j["n_components_95"], r.n_components_for(0.95));
}

}  // namespace
}  // namespace factorlab
