// Tests for analysis/tori.h: the reference tori at hand-computed labels, their implicit equations on a
// grid, periodicity in the labels, grid_labels' layout, and rejected radii.
#include "factorlab/analysis/tori.h"

#include <gtest/gtest.h>

#include <cmath>

#include "factorlab/core/error.h"

namespace factorlab {
namespace {

constexpr double kTol = 1e-12;  // closed-form coordinates: only round-off of sin / cos

Points one(double mx, double my) {
  Points l(1, 2);
  l << mx, my;
  return l;
}

TEST(Tori, Torus3dAtHandComputedLabels) {
  const double N = 32, R = 2, r = 0.5;
  // a = b = 0: (R + r, 0, 0); a = pi/2: (R, 0, r); b = pi/2: (0, R + r, 0); a = pi: (R - r, 0, 0).
  const double expected[4][5] = {{0, 0, R + r, 0, 0}, {8, 0, R, 0, r}, {0, 8, 0, R + r, 0}, {16, 0, R - r, 0, 0}};
  for (const auto& row : expected) {
    const Points p = torus_3d(one(row[0], row[1]), N, R, r);
    ASSERT_EQ(p.cols(), 3);
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(p(0, c), row[2 + c], kTol) << "mu = (" << row[0] << ", " << row[1] << ")";
  }
}

TEST(Tori, CliffordAtHandComputedLabels) {
  // a = pi/2, b = pi: (0, r1, -r2, 0).
  const Points p = clifford_torus(one(8, 16), 32, 1.5, 0.5);
  ASSERT_EQ(p.cols(), 4);
  EXPECT_NEAR(p(0, 0), 0.0, kTol);
  EXPECT_NEAR(p(0, 1), 1.5, kTol);
  EXPECT_NEAR(p(0, 2), -0.5, kTol);
  EXPECT_NEAR(p(0, 3), 0.0, kTol);
}

TEST(Tori, ImplicitEquationsAndPeriodicity) {
  const double N = 20, R = 3, r = 1, r1 = 2, r2 = 0.7;
  const Points labels = grid_labels(7, 9, N);
  const Points t = torus_3d(labels, N, R, r), c = clifford_torus(labels, N, r1, r2);
  Points shifted = labels;
  shifted.col(0).array() += N;
  shifted.col(1).array() -= 2 * N;
  const Points ts = torus_3d(shifted, N, R, r), cs = clifford_torus(shifted, N, r1, r2);
  for (Eigen::Index i = 0; i < labels.rows(); ++i) {
    // (sqrt(x^2 + y^2) - R)^2 + z^2 = r^2;  x1^2 + x2^2 = r1^2, x3^2 + x4^2 = r2^2.
    const double ring = std::hypot(t(i, 0), t(i, 1)) - R;
    EXPECT_NEAR(ring * ring + t(i, 2) * t(i, 2), r * r, 1e-12);
    EXPECT_NEAR(c(i, 0) * c(i, 0) + c(i, 1) * c(i, 1), r1 * r1, 1e-12);
    EXPECT_NEAR(c(i, 2) * c(i, 2) + c(i, 3) * c(i, 3), r2 * r2, 1e-12);
  }
  // Labels shifted by whole periods give the same points (2 pi N / N; round-off of a ~ 4 pi).
  EXPECT_LT((t - ts).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((c - cs).cwiseAbs().maxCoeff(), 1e-12);
}

TEST(Tori, GridLabelsLayout) {
  const Points l = grid_labels(4, 3, 32);
  ASSERT_EQ(l.rows(), 12);
  ASSERT_EQ(l.cols(), 2);
  EXPECT_EQ(l(0, 0), 0.0);
  EXPECT_EQ(l(1, 0), 8.0);   // x fastest, step N / nx
  EXPECT_EQ(l(1, 1), 0.0);
  EXPECT_EQ(l(4, 0), 0.0);   // row j * nx + i
  EXPECT_NEAR(l(4, 1), 32.0 / 3, kTol);
  EXPECT_EQ(l(11, 0), 24.0);
  EXPECT_THROW(grid_labels(0, 3, 32), InputError);
}

TEST(Tori, RejectsBadRadiiAndLabels) {
  const Points l = grid_labels(3, 3, 32);
  EXPECT_THROW(torus_3d(l, 32, 1.0, 1.0), InputError);  // R = r: not an embedded ring
  EXPECT_THROW(torus_3d(l, 32, 2.0, 0.0), InputError);
  EXPECT_THROW(torus_3d(l, 0, 2.0, 1.0), InputError);
  EXPECT_THROW(clifford_torus(l, 32, 0.0, 1.0), InputError);
  EXPECT_THROW(clifford_torus(Points::Zero(3, 3), 32), InputError);
}

}  // namespace
}  // namespace factorlab
