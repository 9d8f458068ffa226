// Tests for analysis/subspace.h: principal angles of hand-made subspaces (0, 45, 90 degrees and a
// general angle), principal subspaces of points in a known plane, rank-deficient curves, bad input.
#include "factorlab/analysis/subspace.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "factorlab/core/error.h"
#include "factorlab/core/rng.h"

namespace factorlab {
namespace {

constexpr double kTol = 1e-12;  // hand-made orthonormal bases: only round-off

Eigen::VectorXd e(int i, int dim) { return Eigen::VectorXd::Unit(dim, i); }

Eigen::MatrixXd cols(std::initializer_list<Eigen::VectorXd> vs) {
  Eigen::MatrixXd m(vs.begin()->size(), static_cast<Eigen::Index>(vs.size()));
  Eigen::Index c = 0;
  for (const auto& v : vs) m.col(c++) = v;
  return m;
}

TEST(PrincipalAngles, LinesAt0And45And90Degrees) {
  const Eigen::MatrixXd a = cols({e(0, 3)});
  EXPECT_NEAR(principal_angle_cosines(a, cols({e(0, 3)}))(0), 1.0, kTol);                               // 0 deg
  EXPECT_NEAR(principal_angle_cosines(a, cols({(e(0, 3) + e(1, 3)) / std::sqrt(2.0)}))(0), std::sqrt(0.5), kTol);  // 45
  EXPECT_NEAR(principal_angle_cosines(a, cols({e(1, 3)}))(0), 0.0, kTol);                               // 90 deg
  EXPECT_NEAR(principal_angle_cosines(a, cols({-e(0, 3)}))(0), 1.0, kTol);  // |cos|: orientation ignored
}

TEST(PrincipalAngles, PlanesInR4) {
  const Eigen::MatrixXd a = cols({e(0, 4), e(1, 4)});
  // Same plane in another basis: both angles 0.
  const double t = 0.3;
  const Eigen::VectorXd c = principal_angle_cosines(a, cols({std::cos(t) * e(0, 4) + std::sin(t) * e(1, 4),
                                                             -std::sin(t) * e(0, 4) + std::cos(t) * e(1, 4)}));
  EXPECT_NEAR(c(0), 1.0, kTol);
  EXPECT_NEAR(c(1), 1.0, kTol);
  // Share e1, tilt the other direction by 45 degrees out of the plane: cosines (1, cos 45).
  const Eigen::VectorXd d = principal_angle_cosines(a, cols({e(0, 4), (e(1, 4) + e(2, 4)) / std::sqrt(2.0)}));
  EXPECT_NEAR(d(0), 1.0, kTol);
  EXPECT_NEAR(d(1), std::sqrt(0.5), kTol);
  // The complementary plane: both angles 90 degrees (the Clifford torus's x- and y-planes).
  const Eigen::VectorXd o = principal_angle_cosines(a, cols({e(2, 4), e(3, 4)}));
  EXPECT_NEAR(o(0), 0.0, kTol);
  EXPECT_NEAR(o(1), 0.0, kTol);
  // A general angle theta on one direction, sorted descending: (1, cos theta).
  const double th = 1.1;
  const Eigen::VectorXd g = principal_angle_cosines(a, cols({std::cos(th) * e(0, 4) + std::sin(th) * e(2, 4), e(1, 4)}));
  EXPECT_NEAR(g(0), 1.0, kTol);
  EXPECT_NEAR(g(1), std::cos(th), kTol);
  // Different dimensions: min(ka, kb) cosines.
  const Eigen::VectorXd m = principal_angle_cosines(cols({e(0, 4), e(1, 4), e(2, 4)}),
                                                    cols({(e(0, 4) + e(3, 4)) / std::sqrt(2.0)}));
  ASSERT_EQ(m.size(), 1);
  EXPECT_NEAR(m(0), std::sqrt(0.5), kTol);
  EXPECT_EQ(principal_angle_cosines(a, Eigen::MatrixXd(4, 0)).size(), 0);
}

TEST(PrincipalAngles, RejectsNonOrthonormalOrMismatchedBases) {
  const Eigen::MatrixXd a = cols({e(0, 3), e(1, 3)});
  EXPECT_THROW(principal_angle_cosines(a, cols({2.0 * e(0, 3)})), std::invalid_argument);
  EXPECT_THROW(principal_angle_cosines(a, cols({e(0, 4)})), std::invalid_argument);
}

// An ellipse (semi-axes 3 and 1) in the plane span(u, v) of R^dim, shifted off the origin: the top-2
// subspace is that plane (cosines 1, 1 to round-off) and its first direction is the major axis u.
TEST(PrincipalSubspace, EllipseInKnownPlane) {
  for (int dim : {6, 500}) {  // 500 > 24 points: the Gram path
    Rng rng(11);
    Eigen::MatrixXd uv(dim, 2);
    for (int i = 0; i < dim; ++i) uv(i, 0) = rng.normal(), uv(i, 1) = rng.normal();
    uv = Eigen::HouseholderQR<Eigen::MatrixXd>(uv).householderQ() * Eigen::MatrixXd::Identity(dim, 2);
    Points p(24, dim);
    for (int i = 0; i < 24; ++i) {
      const double t = 2 * 3.14159265358979323846 * i / 24;
      p.row(i) = (3 * std::cos(t) * uv.col(0) + std::sin(t) * uv.col(1) + Eigen::VectorXd::Constant(dim, 5.0)).transpose();
    }
    const Eigen::MatrixXd b = principal_subspace(p, 2);
    ASSERT_EQ(b.rows(), dim);
    ASSERT_EQ(b.cols(), 2);
    EXPECT_LT((b.transpose() * b - Eigen::Matrix2d::Identity()).cwiseAbs().maxCoeff(), 1e-10);
    const Eigen::VectorXd c = principal_angle_cosines(b, uv);
    EXPECT_NEAR(c(0), 1.0, 1e-10) << "dim " << dim;
    EXPECT_NEAR(c(1), 1.0, 1e-10) << "dim " << dim;
    EXPECT_NEAR(std::abs(b.col(0).dot(uv.col(0))), 1.0, 1e-10) << "dim " << dim;
  }
}

// A nearly flat curve in R^300 (10 points: the Gram path): the second direction has ~1e-9 of the
// variance, still above the rank tolerance (1e-10). The basis must come back orthonormal to round-off
// (1e-12) and span the true plane (angle error ~ eps / 1e-9 ~ 1e-7; checked at 1e-5).
TEST(PrincipalSubspace, SmallSecondDirectionStaysOrthonormal) {
  const int dim = 300;
  Rng rng(21);
  Eigen::MatrixXd uv(dim, 2);
  for (int i = 0; i < dim; ++i) uv(i, 0) = rng.normal(), uv(i, 1) = rng.normal();
  uv = Eigen::HouseholderQR<Eigen::MatrixXd>(uv).householderQ() * Eigen::MatrixXd::Identity(dim, 2);
  Points p(10, dim);
  for (int i = 0; i < 10; ++i) {
    const double t = i - 4.5, s = (i % 3) - 1.0;
    p.row(i) = (t * uv.col(0) + 3e-4 * s * uv.col(1)).transpose();
  }
  const Eigen::MatrixXd b = principal_subspace(p, 2);
  ASSERT_EQ(b.cols(), 2);
  EXPECT_LT((b.transpose() * b - Eigen::Matrix2d::Identity()).cwiseAbs().maxCoeff(), 1e-12);
  const Eigen::VectorXd c = principal_angle_cosines(b, uv);
  EXPECT_NEAR(c(1), 1.0, 1e-5);
}

TEST(PrincipalSubspace, RankDeficientPointsGiveFewerDirections) {
  Points line(5, 4);
  for (int i = 0; i < 5; ++i) line.row(i) = Eigen::RowVector4d(1, 0, 1, 0) * i;
  const Eigen::MatrixXd b = principal_subspace(line, 2);
  ASSERT_EQ(b.cols(), 1);
  EXPECT_NEAR(std::abs(b(0, 0)), std::sqrt(0.5), 1e-12);
  EXPECT_EQ(principal_subspace(Points::Constant(5, 4, 1.0), 2).cols(), 0);
  EXPECT_THROW(principal_subspace(line, 0), InputError);
  EXPECT_THROW(principal_subspace(Points::Zero(1, 4), 1), InputError);
}

}  // namespace
}  // namespace factorlab
