// tests/analysis/test_confidence_band.cpp — the resampling confidence band: the quantile's
// definition, the resamples (bootstrap and subsample), and exact determinism: the same seed gives the
// same band, and the thread count changes nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <numeric>
#include <set>
#include <stdexcept>
#include <vector>

#include "clouds.h"
#include "factorlab/analysis/confidence_band.h"
#include "factorlab/analysis/persistence.h"

namespace factorlab {
namespace {

TEST(ConfidenceBand, QuantileIsTheCeilRankOrderStatistic) {
  std::vector<double> v(20);
  std::iota(v.begin(), v.end(), 1.0);  // 1 .. 20
  std::reverse(v.begin(), v.end());
  EXPECT_EQ(upper_quantile(v, 0.05), 19.0);  // ceil(0.95 x 20) = 19
  EXPECT_EQ(upper_quantile(v, 0.5), 10.0);
  EXPECT_EQ(upper_quantile(v, 0.01), 20.0);  // ceil(19.8)
  EXPECT_EQ(upper_quantile(v, 0.99), 1.0);   // ceil(0.2)
  EXPECT_EQ(upper_quantile(std::vector<double>(10, 2.5), 0.05), 2.5);
}

TEST(ConfidenceBand, Resamples) {
  BandOptions o;
  o.seed = 7;
  const auto a = resample_rows(1000, o, 0), b = resample_rows(1000, o, 1);
  EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
  EXPECT_EQ(std::set<std::int64_t>(a.begin(), a.end()).size(), a.size());  // distinct
  EXPECT_NE(a, b);
  EXPECT_EQ(a, resample_rows(1000, o, 0));
  // Distinct points of a bootstrap sample: 1 - (1 - 1/n)^n of them, about 63.2 %.
  EXPECT_NEAR(static_cast<double>(a.size()) / 1000.0, 0.632, 0.04);
  o.method = BandMethod::Subsample;
  o.subsample_fraction = 0.3;
  const auto s = resample_rows(1000, o, 0);
  EXPECT_EQ(s.size(), 300u);
  EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
  EXPECT_EQ(std::set<std::int64_t>(s.begin(), s.end()).size(), s.size());
  EXPECT_GE(s.front(), 0);
  EXPECT_LT(s.back(), 1000);
}

TEST(ConfidenceBand, DiagramErrorsAreRethrown) {
  BandOptions o;
  o.resamples = 10;
  o.threads = 3;
  std::atomic<int> calls{0};
  const DiagramOf failing = [&](const std::vector<std::int64_t>&) -> std::vector<PersistencePair> {
    ++calls;
    throw std::runtime_error("engine failed");
  };
  EXPECT_THROW(confidence_band(50, {}, failing, o), std::runtime_error);
  EXPECT_EQ(calls.load(), 10);
}

TEST(ConfidenceBand, SameSeedSameBandForAnyThreadCount) {
  const Points p = test_clouds::circle(60, 0.05, 51);
  PersistenceConfig c;
  c.band_resamples = 12;
  c.seed = 3;
  c.threads = 1;
  const auto one = compute_persistence(p, c);
  c.threads = 4;
  const auto four = compute_persistence(p, c);
  ASSERT_EQ(one.band.distances.size(), 12u);
  EXPECT_EQ(one.band.distances, four.band.distances);  // exact: same resamples, collected by index
  EXPECT_EQ(one.band.resample_size, four.band.resample_size);
  EXPECT_EQ(one.band.c, four.band.c);
  EXPECT_EQ(one.band_betti, four.band_betti);
  c.seed = 4;
  EXPECT_NE(compute_persistence(p, c).band.distances, one.band.distances);
  // c is one of the distances: the 12th smallest of 12 at alpha = 0.05 (ceil(11.4) = 12).
  EXPECT_EQ(one.band.c, *std::max_element(one.band.distances.begin(), one.band.distances.end()));
  EXPECT_EQ(one.band.two_c, 2 * one.band.c);
}

}  // namespace
}  // namespace factorlab
