// tests/analysis/test_landmarks.cpp — farthest-point sampling: a hand-worked order on a line, the
// covering radius against brute force, the separation property of greedy k-centre, determinism.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "factorlab/analysis/landmarks.h"
#include "factorlab/core/error.h"
#include "factorlab/core/rng.h"

namespace factorlab {
namespace {

Points line(int n) {  // x = 0, 1, ..., n - 1 on the first axis of R^2
  Points p = Points::Zero(n, 2);
  for (int i = 0; i < n; ++i) p(i, 0) = i;
  return p;
}

Points random_cloud(int n, int dim, std::uint64_t seed) {
  Rng rng(seed);
  Points p(n, dim);
  for (Eigen::Index i = 0; i < p.size(); ++i) p.data()[i] = rng.normal();
  return p;
}

double brute_cover_radius(const Points& p, const std::vector<std::int64_t>& idx) {
  double worst = 0.0;
  for (Eigen::Index i = 0; i < p.rows(); ++i) {
    double nearest = std::numeric_limits<double>::infinity();
    for (auto j : idx) nearest = std::min(nearest, (p.row(i) - p.row(j)).norm());
    worst = std::max(worst, nearest);
  }
  return worst;
}

TEST(Landmarks, HandWorkedOrderOnALine) {
  // From 0: 9 is farthest; then 4 and 5 are both 4 away and the smaller index wins; then 2 (2 away
  // from 0 and 4; 6 and 7 tie with it), then 6, then every remaining point is 1 away: 1 first.
  double cover = -1;
  const auto idx = farthest_point_sampling(line(10), 6, 0, &cover);
  EXPECT_EQ(idx, (std::vector<std::int64_t>{0, 9, 4, 2, 6, 1}));
  EXPECT_DOUBLE_EQ(cover, 1.0);
  double cover3 = -1;
  farthest_point_sampling(line(10), 3, 0, &cover3);
  EXPECT_DOUBLE_EQ(cover3, 2.0);  // after {0, 9, 4}: points 2, 6 and 7 are 2 away
}

TEST(Landmarks, StartIndexIsFirst) {
  const auto idx = farthest_point_sampling(line(10), 3, 5);
  EXPECT_EQ(idx, (std::vector<std::int64_t>{5, 0, 9}));  // 0 is 5 away from 5, 9 only 4
}

TEST(Landmarks, CoverRadiusMatchesBruteForceAndLandmarksAreSeparated) {
  const Points p = random_cloud(300, 7, 3);
  for (std::int64_t k : {1, 5, 40, 150}) {
    double cover = -1;
    const auto idx = farthest_point_sampling(p, k, 0, &cover);
    ASSERT_EQ(static_cast<std::int64_t>(idx.size()), k);
    EXPECT_NEAR(cover, brute_cover_radius(p, idx), 1e-12) << "k = " << k;
    // Greedy k-centre: each landmark was the farthest point when chosen, so no two landmarks are
    // closer than the final covering radius (Gonzalez 1985, the reason it is a 2-approximation).
    double closest = std::numeric_limits<double>::infinity();
    for (std::size_t a = 0; a < idx.size(); ++a)
      for (std::size_t b = a + 1; b < idx.size(); ++b) closest = std::min(closest, (p.row(idx[a]) - p.row(idx[b])).norm());
    if (k > 1) {
      EXPECT_GE(closest, cover - 1e-12) << "k = " << k;
    }
  }
}

TEST(Landmarks, CountAtLeastNReturnsEveryPointOnceEvenWithDuplicates) {
  Points p = line(6);
  p.row(3) = p.row(1);  // a duplicate: distance 0, still a distinct index
  p.row(5) = p.row(1);
  double cover = -1;
  const auto idx = farthest_point_sampling(p, 100, 2, &cover);
  ASSERT_EQ(idx.size(), 6u);
  EXPECT_EQ(std::set<std::int64_t>(idx.begin(), idx.end()).size(), 6u);
  EXPECT_EQ(idx[0], 2);
  EXPECT_EQ(cover, 0.0);
}

TEST(Landmarks, DeterministicAndSeededStart) {
  const Points p = random_cloud(200, 5, 9);
  EXPECT_EQ(farthest_point_sampling(p, 50, 7), farthest_point_sampling(p, 50, 7));
  EXPECT_EQ(seeded_start(200, 42), seeded_start(200, 42));
  std::set<std::int64_t> starts;
  for (std::uint64_t s = 0; s < 20; ++s) {
    const std::int64_t i = seeded_start(200, s);
    ASSERT_GE(i, 0);
    ASSERT_LT(i, 200);
    starts.insert(i);
  }
  EXPECT_GT(starts.size(), 10u);  // 20 seeds over 200 indices: collisions are rare
}

TEST(Landmarks, BadInputIsAnInputError) {
  EXPECT_THROW(farthest_point_sampling(Points(0, 3), 1), InputError);
  EXPECT_THROW(farthest_point_sampling(line(5), 0), InputError);
  EXPECT_THROW(farthest_point_sampling(line(5), 2, 5), InputError);
  EXPECT_THROW(farthest_point_sampling(line(5), 2, -1), InputError);
  EXPECT_THROW(seeded_start(0, 1), InputError);
}

}  // namespace
}  // namespace factorlab
