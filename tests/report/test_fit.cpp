// tests/report/test_fit.cpp — the power-law fit and the 60 % crossing against closed forms.
#include <gtest/gtest.h>

#include <cmath>

#include "factorlab/core/error.h"
#include "factorlab/report/fit.h"

namespace factorlab {
namespace {

TEST(PowerLawFit, ExactPowerLawIsRecovered) {
  const std::vector<double> x = {8, 16, 32, 64};
  std::vector<double> y;
  for (double v : x) y.push_back(3.0 * v * v);
  const PowerLawFit f = fit_power_law(x, y);
  EXPECT_NEAR(f.b, 2.0, 1e-12);
  EXPECT_NEAR(f.a, 3.0, 1e-9);
  EXPECT_NEAR(f.se_b, 0.0, 1e-7);
  EXPECT_NEAR(f.r2, 1.0, 1e-12);
  EXPECT_EQ(f.n, 4);
  EXPECT_NEAR(f.predict(10), 300.0, 1e-8);
}

// log y = 1 + 2 log x + r with r = (d, -2d, d) at x = (1, 2, 4): r is orthogonal to 1 and to log x,
// so b = 2 and a = e exactly; SSE = 6 d^2, Sxx = 2 ln(2)^2, se_b = sqrt(SSE / 1 / Sxx) = d sqrt(3) / ln 2.
TEST(PowerLawFit, StandardErrorMatchesClosedForm) {
  const double d = 0.1;
  const std::vector<double> x = {1, 2, 4};
  const std::vector<double> r = {d, -2 * d, d};
  std::vector<double> y;
  for (std::size_t i = 0; i < 3; ++i) y.push_back(std::exp(1 + 2 * std::log(x[i]) + r[i]));
  const PowerLawFit f = fit_power_law(x, y);
  EXPECT_NEAR(f.b, 2.0, 1e-12);
  EXPECT_NEAR(f.a, std::exp(1.0), 1e-12);
  const double se = d * std::sqrt(3.0) / std::log(2.0);
  EXPECT_NEAR(f.se_b, se, 1e-12);
  EXPECT_NEAR(f.ci95_lo, 2.0 - 12.706 * se, 1e-9);  // t(0.975, 1 dof)
  EXPECT_NEAR(f.ci95_hi, 2.0 + 12.706 * se, 1e-9);
}

TEST(PowerLawFit, TwoPointsHaveNoStandardError) {
  const PowerLawFit f = fit_power_law({10, 100}, {5, 50});
  EXPECT_NEAR(f.b, 1.0, 1e-12);
  EXPECT_TRUE(std::isnan(f.se_b));
  EXPECT_TRUE(std::isnan(f.ci95_lo));
}

TEST(PowerLawFit, RejectsBadInput) {
  EXPECT_THROW(fit_power_law({1}, {1}), InputError);
  EXPECT_THROW(fit_power_law({1, 2}, {1}), InputError);
  EXPECT_THROW(fit_power_law({1, 2}, {1, 0}), InputError);   // log 0
  EXPECT_THROW(fit_power_law({-1, 2}, {1, 2}), InputError);
  EXPECT_THROW(fit_power_law({3, 3}, {1, 2}), InputError);   // no slope
}

// A band around a rising curve: the upper band crosses first, the lower last; ends beyond the data
// are the domain bounds.
TEST(BandCrossing, InvertsThePointwiseBand) {
  const std::vector<double> x = {0.2, 0.4, 0.8};
  const auto ci = band_crossing(x, {0.0, 0.4, 0.8}, {0.2, 0.8, 1.0}, 0.6, Interpolation::Linear, 0, 1);
  ASSERT_TRUE(ci);
  EXPECT_NEAR(ci->lo, 0.2 + 0.2 * (0.6 - 0.2) / 0.6, 1e-12);  // upper band 0.2 -> 0.8 between 0.2 and 0.4
  EXPECT_NEAR(ci->hi, 0.4 + 0.4 * (0.6 - 0.4) / 0.4, 1e-12);  // lower band 0.4 -> 0.8 between 0.4 and 0.8
  const auto open_ends = band_crossing(x, {0.0, 0.1, 0.2}, {0.7, 0.8, 0.9}, 0.6, Interpolation::Linear, 0, 1);
  ASSERT_TRUE(open_ends);
  EXPECT_EQ(open_ends->lo, 0.0);  // upper band already above at the smallest x
  EXPECT_EQ(open_ends->hi, 1.0);  // lower band never reaches 0.6
  const auto below = band_crossing(x, {0.9, 0.9, 0.9}, {1.0, 1.0, 1.0}, 0.6, Interpolation::Linear, 0, 1);
  ASSERT_TRUE(below);
  EXPECT_EQ(below->lo, 0.0);
  EXPECT_EQ(below->hi, 0.2);  // even the lower band starts above: the crossing is below the data
  EXPECT_FALSE(band_crossing(x, {0, 0, 0}, {0.1, 0.2, 0.3}, 0.6, Interpolation::Linear, 0, 1));
}

TEST(ThresholdCrossing, LogInterpolationIsGeometric) {
  // Halfway in accuracy between 100 and 400 images is halfway in log size: sqrt(100 * 400) = 200.
  const Crossing c = threshold_crossing({400, 100, 25}, {0.8, 0.4, 0.1}, 0.6, Interpolation::LogX);
  ASSERT_EQ(c.status, CrossingStatus::Crossed);
  EXPECT_NEAR(*c.x, 200.0, 1e-9);
}

TEST(ThresholdCrossing, LinearFirstCrossingAndAveraging) {
  // x = 0.4 appears twice (0.2 and 0.4: mean 0.3); the first crossing of 0.6 is between 0.4 and 0.6.
  const Crossing c = threshold_crossing({0.2, 0.4, 0.4, 0.6, 0.8, 1.0}, {0.0, 0.2, 0.4, 0.9, 0.5, 1.0}, 0.6,
                                        Interpolation::Linear);
  ASSERT_EQ(c.status, CrossingStatus::Crossed);
  EXPECT_NEAR(*c.x, 0.4 + 0.2 * (0.6 - 0.3) / (0.9 - 0.3), 1e-12);
}

TEST(ThresholdCrossing, NotBracketed) {
  EXPECT_EQ(threshold_crossing({1, 2}, {0.7, 0.9}, 0.6, Interpolation::LogX).status, CrossingStatus::AlreadyAbove);
  EXPECT_FALSE(threshold_crossing({1, 2}, {0.7, 0.9}, 0.6, Interpolation::LogX).x.has_value());
  EXPECT_EQ(threshold_crossing({1, 2}, {0.1, 0.5}, 0.6, Interpolation::LogX).status, CrossingStatus::NeverReached);
  EXPECT_EQ(threshold_crossing({}, {}, 0.6, Interpolation::LogX).status, CrossingStatus::NoData);
  EXPECT_EQ(threshold_crossing({1, 2}, {std::nan(""), std::nan("")}, 0.6, Interpolation::Linear).status,
            CrossingStatus::NoData);
  // Exactly at the target counts as reached.
  const Crossing c = threshold_crossing({1, 2}, {0.2, 0.6}, 0.6, Interpolation::Linear);
  EXPECT_NEAR(*c.x, 2.0, 1e-12);
  EXPECT_THROW(threshold_crossing({0, 1}, {0.1, 0.9}, 0.6, Interpolation::LogX), InputError);
}

}  // namespace
}  // namespace factorlab
