// factorlab/tests/analysis/test_knn.cpp — exact kNN against a naive double loop, HNSW recall against
// exact, determinism, the auto switch, input errors, and the two small helpers (distances, recall).
#include "factorlab/analysis/knn.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "factorlab/core/error.h"
#include "factorlab/core/rng.h"

namespace factorlab {
namespace {

Points gaussian(Eigen::Index n, Eigen::Index dim, std::uint64_t seed) {
  Rng rng(seed);
  Points p(n, dim);
  for (Eigen::Index i = 0; i < p.size(); ++i) p.data()[i] = rng.normal();
  return p;
}

// n points around `centres` random centres (spread 5) with unit noise: a clustered cloud, like activations.
Points clustered(Eigen::Index n, Eigen::Index dim, int centres, std::uint64_t seed) {
  const Points c = gaussian(centres, dim, seed + 1) * 5.0;
  Points p = gaussian(n, dim, seed);
  for (Eigen::Index i = 0; i < n; ++i) p.row(i) += c.row(i % centres);
  return p;
}

TEST(Knn, ExactMatchesNaiveDoubleLoop) {
  const Points p = gaussian(150, 7, 3);
  const int k = 6;
  const KnnResult r = exact_knn(p, k);
  ASSERT_EQ(r.indices.rows(), 150);
  ASSERT_EQ(r.indices.cols(), k);
  EXPECT_EQ(r.method, KnnMethod::Exact);
  for (Eigen::Index i = 0; i < p.rows(); ++i) {
    std::vector<std::pair<double, int>> all;
    for (Eigen::Index j = 0; j < p.rows(); ++j) {
      if (j == i) continue;
      double s = 0;
      for (Eigen::Index d = 0; d < p.cols(); ++d) s += (p(i, d) - p(j, d)) * (p(i, d) - p(j, d));
      all.emplace_back(std::sqrt(s), static_cast<int>(j));
    }
    std::sort(all.begin(), all.end());
    for (int c = 0; c < k; ++c) {
      EXPECT_EQ(r.indices(i, c), all[static_cast<std::size_t>(c)].second) << "point " << i << " rank " << c;
      EXPECT_NEAR(r.distances(i, c), all[static_cast<std::size_t>(c)].first, 1e-12);
    }
  }
}

TEST(Knn, TiesAreBrokenByIndexAndSelfIsExcluded) {
  // Four corners of a unit square: each corner has two neighbours at distance 1, listed by index.
  Points p(4, 2);
  p << 0, 0, 1, 0, 0, 1, 1, 1;
  const KnnResult r = exact_knn(p, 3);
  EXPECT_EQ(r.indices(0, 0), 1);
  EXPECT_EQ(r.indices(0, 1), 2);
  EXPECT_EQ(r.indices(0, 2), 3);
  EXPECT_NEAR(r.distances(0, 2), std::sqrt(2.0), 1e-15);
  EXPECT_EQ(r.indices(3, 0), 1);
  EXPECT_EQ(r.indices(3, 1), 2);
  EXPECT_EQ(r.indices(3, 2), 0);
}

TEST(Knn, ExactIsTheSameForAnyThreadCount) {
  const Points p = clustered(700, 20, 5, 11);  // 3 Gram blocks, split over threads
  const KnnResult a = exact_knn(p, 10, 1), b = exact_knn(p, 10, 3);
  EXPECT_TRUE(a.indices == b.indices);
  EXPECT_TRUE(a.distances == b.distances);
}

TEST(Knn, HnswRecallAgainstExact) {
  const Points p = clustered(2000, 64, 10, 5);
  const int k = 15;
  KnnConfig c;
  c.seed = 42;
  const KnnResult exact = exact_knn(p, k);
  const KnnResult approx = hnsw_knn(p, k, c);
  EXPECT_EQ(approx.method, KnnMethod::Hnsw);
  const double recall = knn_recall(approx, exact);
  RecordProperty("recall", std::to_string(recall));
  // hnswlib with M = 16, ef = 100 finds nearly all neighbours at this size; 0.95 leaves margin.
  EXPECT_GE(recall, 0.95);
  // Neighbours found by both carry the same (exactly recomputed) distance, and rows are sorted.
  for (Eigen::Index i = 0; i < p.rows(); ++i)
    for (int c2 = 1; c2 < k; ++c2) EXPECT_LE(approx.distances(i, c2 - 1), approx.distances(i, c2));
  EXPECT_EQ(approx.indices(0, 0), exact.indices(0, 0));
  EXPECT_DOUBLE_EQ(approx.distances(0, 0), exact.distances(0, 0));
}

TEST(Knn, HnswIsDeterministicWithOneThread) {
  const Points p = clustered(600, 32, 4, 8);
  KnnConfig c;
  c.seed = 7;
  const KnnResult a = hnsw_knn(p, 8, c), b = hnsw_knn(p, 8, c);
  EXPECT_TRUE(a.indices == b.indices);
  EXPECT_TRUE(a.distances == b.distances);
}

TEST(Knn, AutoSwitchesAtExactMaxPoints) {
  const Points p = gaussian(120, 5, 2);
  KnnConfig c;
  c.exact_max_points = 120;
  EXPECT_EQ(knn(p, 4, c).method, KnnMethod::Exact);
  c.exact_max_points = 119;
  EXPECT_EQ(knn(p, 4, c).method, KnnMethod::Hnsw);
  c.method = KnnMethod::Exact;
  EXPECT_EQ(knn(p, 4, c).method, KnnMethod::Exact);
}

TEST(Knn, RejectsBadInput) {
  Points p = gaussian(10, 3, 1);
  EXPECT_THROW(exact_knn(p, 0), InputError);
  EXPECT_THROW(exact_knn(p, 10), InputError);
  EXPECT_NO_THROW(exact_knn(p, 9));
  p(3, 1) = std::nan("");
  EXPECT_THROW(exact_knn(p, 2), InputError);
  KnnConfig c;
  c.hnsw_m = 1;
  EXPECT_THROW(c.validate(), InputError);
  try {
    c.validate("analysis.knn");
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("analysis.knn.hnsw_m = 1"), std::string::npos) << e.what();
  }
}

TEST(Knn, SquaredDistancesClosedForm) {
  Points a(2, 2), b(3, 2);
  a << 0, 0, 1, 2;
  b << 3, 4, 1, 2, -1, 0;
  const Eigen::MatrixXd d = squared_distances(a, b);
  const double want[2][3] = {{25, 5, 1}, {8, 0, 8}};
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) EXPECT_NEAR(d(i, j), want[i][j], 1e-12);
}

TEST(Knn, RecallCountsSharedNeighbours) {
  KnnResult ref, approx;
  ref.indices.resize(2, 2);
  approx.indices.resize(2, 2);
  ref.indices << 1, 2, 0, 2;
  approx.indices << 2, 1, 0, 3;  // row 0: both found (order ignored); row 1: one of two
  EXPECT_DOUBLE_EQ(knn_recall(approx, ref), 0.75);
}

}  // namespace
}  // namespace factorlab
