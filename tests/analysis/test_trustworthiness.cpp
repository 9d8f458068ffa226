// factorlab/tests/analysis/test_trustworthiness.cpp — trustworthiness on a case computed by hand,
// its invariances (an isometry scores 1), a scrambled embedding, and input errors.
#include "factorlab/analysis/trustworthiness.h"

#include <gtest/gtest.h>

#include <vector>

#include "factorlab/core/error.h"
#include "factorlab/core/rng.h"

namespace factorlab {
namespace {

Points line(const std::vector<double>& x) {
  Points p(static_cast<Eigen::Index>(x.size()), 1);
  for (std::size_t i = 0; i < x.size(); ++i) p(static_cast<Eigen::Index>(i), 0) = x[i];
  return p;
}

TEST(Trustworthiness, HandComputedSwap) {
  // X on a line at 0, 1, 3, 7, 12, 20 (gaps 1, 2, 4, 5, 8: no ties). Y swaps the first and last
  // point. With k = 2 the embedding neighbours and their ranks in X are:
  //   p0 (at 20): p4 rank 4, p3 rank 3 -> 2 + 1    p1: p5 rank 5, p2 rank 2 -> 3
  //   p2: p1 rank 1, p5 rank 5 -> 3               p3: p2 rank 1, p4 rank 2 -> 0
  //   p4: p3 rank 1, p0 rank 5 -> 3               p5 (at 0): p1 rank 4, p2 rank 3 -> 2 + 1
  // sum = 15; T = 1 - 2 / (n k (2n - 3k - 1)) * 15 = 1 - 2 / (6 * 2 * 5) * 15 = 0.5.
  const Points x = line({0, 1, 3, 7, 12, 20});
  const Points y = line({20, 1, 3, 7, 12, 0});
  EXPECT_NEAR(trustworthiness(x, y, 2), 0.5, 1e-15);
  EXPECT_DOUBLE_EQ(trustworthiness(x, x, 2), 1.0);
}

TEST(Trustworthiness, IsometryScoresOneScrambleScoresLow) {
  Rng rng(4);
  const Eigen::Index n = 200;
  Points x(n, 3);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = rng.normal();
  // Rotation by 30 degrees about z, scaled by 3 and shifted: neighbourhoods unchanged.
  Eigen::Matrix3d rot;
  const double c = std::cos(0.5235987755982988), s = std::sin(0.5235987755982988);
  rot << c, -s, 0, s, c, 0, 0, 0, 1;
  Points y = (x * rot.transpose() * 3.0).rowwise() + Eigen::RowVector3d(1, 2, 3);
  EXPECT_NEAR(trustworthiness(x, y, 5), 1.0, 1e-12);
  // Rows of the embedding shuffled: neighbours become random, ranks ~ uniform on 1..n-1, so
  // T ~ 1 - 2 / (n k (2n - 3k - 1)) * n k (n / 2 - k) ~ 0.5 (sklearn gives the same for noise).
  std::vector<int> perm(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) perm[static_cast<std::size_t>(i)] = i;
  rng.shuffle(perm);
  Points z(n, 3);
  for (Eigen::Index i = 0; i < n; ++i) z.row(i) = x.row(perm[static_cast<std::size_t>(i)]);
  const double t = trustworthiness(x, z, 5);
  EXPECT_GT(t, 0.35);
  EXPECT_LT(t, 0.65);
}

TEST(Trustworthiness, RejectsBadInput) {
  const Points x = line({0, 1, 3, 7, 12, 20});
  EXPECT_THROW(trustworthiness(x, x, 3), InputError);  // k must be < n / 2
  EXPECT_THROW(trustworthiness(x, x, 0), InputError);
  EXPECT_THROW(trustworthiness(x, line({0, 1, 2}), 1), InputError);
}

}  // namespace
}  // namespace factorlab
