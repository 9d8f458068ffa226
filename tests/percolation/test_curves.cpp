// tests/percolation/test_curves.cpp — the critical-lambda estimators on hand-made curves, the sweep's
// end points (lambda = 1 links everything, tiny lambda does not), seeded determinism independent of
// the thread count, the sweep's spanning estimator against p_c = 0.5927 on a 256 x 256 lattice, and
// the overlap table.
#include <gtest/gtest.h>

#include <cmath>

#include "factorlab/core/log.h"
#include "factorlab/percolation/curves.h"
#include "factorlab/percolation/overlap.h"

namespace factorlab {
namespace {

class PercolationCurves : public ::testing::Test {
 protected:
  void SetUp() override { set_log_level(LogLevel::Warn); }  // no progress lines in test output
};

PercolationConfig small_config() {
  PercolationConfig c;
  c.sigma = {0.1, 1.0};
  c.L = 16;
  c.lambda = {0.0, 0.02, 0.3, 0.6, 1.0};
  c.trials = 24;
  c.seed = 11;
  return c;
}

TEST_F(PercolationCurves, StaysAboveInterpolatesTheLastCrossing) {
  const std::vector<double> x = {0.0, 0.1, 0.2, 0.3, 0.4};
  EXPECT_DOUBLE_EQ(stays_above(x, {0.0, 0.2, 0.4, 0.8, 1.0}, 0.5), 0.225);  // 0.2 + 0.1 * (0.1 / 0.4)
  // A bump at small x (few kept sites) that falls back below: the later rise counts.
  EXPECT_DOUBLE_EQ(stays_above(x, {0.0, 0.9, 0.3, 0.7, 0.9}, 0.5), 0.25);
  EXPECT_TRUE(std::isnan(stays_above(x, {0.0, 0.9, 0.3, 0.2, 0.1}, 0.5)));  // ends below
  EXPECT_TRUE(std::isnan(stays_above(x, {0.6, 0.7, 0.8, 0.9, 1.0}, 0.5)));  // never below: not bracketed
  EXPECT_DOUBLE_EQ(stays_above(x, {0.0, 0.5, 0.6, 0.7, 0.8}, 0.5), 0.1);    // exactly at level counts as above
}

TEST_F(PercolationCurves, SteepestRiseSkipsLambdaZero) {
  const std::vector<double> x = {0.0, 0.1, 0.2, 0.3, 0.4};
  EXPECT_DOUBLE_EQ(steepest_rise(x, {0.0, 0.1, 0.2, 0.9, 1.0}), 0.25);
  EXPECT_DOUBLE_EQ(steepest_rise(x, {0.0, 0.8, 0.85, 0.9, 1.0}), 0.35);  // the jump from 0 is a convention
  EXPECT_TRUE(std::isnan(steepest_rise(x, {0.0, 0.5, 0.4, 0.3, 0.2})));
}

TEST_F(PercolationCurves, MedianOrdersNaNLast) {
  const double nan = std::nan("");
  EXPECT_DOUBLE_EQ(median({3, 1, 2}), 2);
  EXPECT_DOUBLE_EQ(median({4, 1, 2, 3}), 2.5);
  EXPECT_DOUBLE_EQ(median({nan, 0.2, 0.1}), 0.2);
  EXPECT_TRUE(std::isnan(median({nan, nan, 0.1})));
  EXPECT_TRUE(std::isnan(median({})));
}

TEST_F(PercolationCurves, SummarizeComputesMeansAndSampleStd) {
  std::vector<TrialResult> t(2);
  t[0].kept = 10;
  t[0].largest = 5;
  t[0].spans_rows = true;
  t[1].kept = 4;
  t[1].largest = 4;
  t[1].spans_rows = t[1].spans_cols = true;
  const LambdaPoint p = summarize(0.3, t);
  EXPECT_EQ(p.trials, 2);
  EXPECT_DOUBLE_EQ(p.mean_ratio, 0.75);
  EXPECT_DOUBLE_EQ(p.std_ratio, std::sqrt(0.125));  // (0.25^2 * 2) / (2 - 1)
  EXPECT_DOUBLE_EQ(p.mean_kept, 7);
  EXPECT_DOUBLE_EQ(p.mean_largest, 4.5);
  EXPECT_DOUBLE_EQ(p.span_prob, 0.75);
}

TEST_F(PercolationCurves, SweepEndPoints) {
  const PercolationRun run = run_percolation(small_config(), 2);
  ASSERT_EQ(run.curves.size(), 2u);
  const SigmaCurve& isolated = run.curves[0];  // sigma 0.1: nothing links
  const SigmaCurve& linked = run.curves[1];    // sigma 1: 68 neighbours
  EXPECT_EQ(isolated.links.neighbours(), 0);
  EXPECT_EQ(linked.links.neighbours(), 68);
  EXPECT_EQ(linked.points[0].mean_ratio, 0.0);  // lambda = 0: no sites, ratio 0 by convention
  EXPECT_EQ(linked.points[0].mean_kept, 0.0);
  EXPECT_EQ(linked.points.back().mean_ratio, 1.0);  // lambda = 1: one cluster
  EXPECT_EQ(linked.points.back().std_ratio, 0.0);
  EXPECT_EQ(linked.points.back().mean_kept, 256.0);
  EXPECT_EQ(linked.points.back().span_prob, 1.0);
  EXPECT_DOUBLE_EQ(isolated.points.back().mean_ratio, 1.0 / 256);
  // lambda = 0.02 without links: about 5 kept sites, each its own cluster.
  EXPECT_LT(isolated.points[1].mean_ratio, 0.5);
  EXPECT_TRUE(std::isnan(isolated.critical.ratio_half));
  EXPECT_TRUE(std::isnan(isolated.critical.spanning_median));
  EXPECT_GT(linked.critical.ratio_half, 0.0);
  EXPECT_LT(linked.critical.ratio_half, 0.3);
  EXPECT_EQ(linked.spanning.size(), 48u);
}

TEST_F(PercolationCurves, SameSeedSameCurvesWhateverTheThreads) {
  const PercolationConfig c = small_config();
  const PercolationRun a = run_percolation(c, 1), b = run_percolation(c, 3);
  for (std::size_t s = 0; s < a.curves.size(); ++s) {
    for (std::size_t l = 0; l < c.lambda.size(); ++l) {
      EXPECT_EQ(a.curves[s].points[l].mean_ratio, b.curves[s].points[l].mean_ratio);  // bitwise
      EXPECT_EQ(a.curves[s].points[l].std_ratio, b.curves[s].points[l].std_ratio);
      EXPECT_EQ(a.curves[s].points[l].mean_kept, b.curves[s].points[l].mean_kept);
    }
    for (std::size_t k = 0; k < a.curves[s].spanning.size(); ++k) {
      const double x = a.curves[s].spanning[k], y = b.curves[s].spanning[k];
      EXPECT_TRUE(x == y || (std::isnan(x) && std::isnan(y)));
    }
  }
  PercolationConfig other = c;
  other.seed = 12;
  const PercolationRun d = run_percolation(other, 2);
  EXPECT_NE(a.curves[1].points[2].mean_kept, d.curves[1].points[2].mean_kept);
}

TEST_F(PercolationCurves, SweepSpanningCrossingEstimatesTheSquareLatticeThreshold) {
  PercolationConfig c;
  c.sigma = {1.0};
  c.links = LinkRule::NearestNeighbour;
  c.L = 256;
  c.lambda = range_values(0.56, 0.63, 0.005);
  c.trials = 100;
  c.seed = 2408;
  const PercolationRun run = run_percolation(c, 2);
  const CriticalLambda& k = run.curves[0].critical;
  // Spanning probability through 1/2 (per direction, both directions pooled) and the Newman-Ziff
  // median: both converge to p_c = 0.592746; at L = 256 the finite-size shift is far below 0.01.
  EXPECT_NEAR(k.span_half, 0.592746, 0.01);
  EXPECT_NEAR(k.spanning_median, 0.592746, 0.01);
}

TEST_F(PercolationCurves, OverlapTable) {
  PercolationConfig c;
  c.sigma = {0.5, 2.0};
  const std::vector<OverlapRow> rows = overlap_curves(c);
  // Distances 0 .. max(4 * 2, 3 * 1) = 8 in steps of 0.05: 161 rows per sigma.
  ASSERT_EQ(rows.size(), 2u * 161u);
  EXPECT_EQ(rows[0].sigma, 0.5);
  EXPECT_EQ(rows[161].sigma, 2.0);
  EXPECT_NEAR(rows[160].distance, 8.0, 1e-12);
  for (const OverlapRow& r : rows) {
    EXPECT_DOUBLE_EQ(r.analytic, analytic_overlap(r.sigma, r.distance));
    EXPECT_FALSE(std::isnan(r.pixel_open));  // 8 <= N / 2 = 16: every pair fits
    EXPECT_FALSE(std::isnan(r.pixel_periodic));
    if (r.sigma == 2.0 && r.analytic > 1e-3) {
      EXPECT_NEAR(r.pixel_periodic / r.analytic, 1.0, 1e-3);
    }
  }
  c.N = 8;  // pairs more than 4 apart do not fit the torus, more than 7 apart not the frame
  for (const OverlapRow& r : overlap_curves(c)) {
    EXPECT_EQ(std::isnan(r.pixel_periodic), r.distance > 4.0 + 1e-12) << r.distance;
    EXPECT_EQ(std::isnan(r.pixel_open), r.distance > 7.0 + 1e-12) << r.distance;
  }
}

}  // namespace
}  // namespace factorlab
