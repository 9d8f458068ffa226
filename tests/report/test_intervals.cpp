// tests/report/test_intervals.cpp — Wilson, Newcombe and Student-t intervals against closed-form and
// published values (Newcombe 1998, Statistics in Medicine 17:873, Tables I and II).
#include <gtest/gtest.h>

#include <cmath>

#include "factorlab/core/error.h"
#include "factorlab/report/intervals.h"

namespace factorlab {
namespace {

TEST(Wilson, KnownValues) {
  // 6 of 9 (the compositional intersection): centre (6 + z^2/2) / (9 + z^2), worked by hand.
  const Interval a = wilson_interval(6, 9);
  EXPECT_NEAR(a.lo, 0.35420, 1e-5);
  EXPECT_NEAR(a.hi, 0.87942, 1e-5);
  // Newcombe 1998 Table I: 81 of 263 -> 0.2553 .. 0.3662; 15 of 148 -> 0.0624 .. 0.1605.
  EXPECT_NEAR(wilson_interval(81, 263).lo, 0.2553, 1e-4);
  EXPECT_NEAR(wilson_interval(81, 263).hi, 0.3662, 1e-4);
  EXPECT_NEAR(wilson_interval(15, 148).lo, 0.0624, 1e-4);
  EXPECT_NEAR(wilson_interval(15, 148).hi, 0.1605, 1e-4);
  // At 0 of n the interval is [0, z^2 / (n + z^2)]; at n of n its mirror.
  const double z2 = kZ975 * kZ975;
  EXPECT_EQ(wilson_interval(0, 10).lo, 0.0);
  EXPECT_NEAR(wilson_interval(0, 10).hi, z2 / (10 + z2), 1e-12);
  EXPECT_NEAR(wilson_interval(10, 10).lo, 10 / (10 + z2), 1e-12);
  EXPECT_EQ(wilson_interval(10, 10).hi, 1.0);
  // A larger n narrows it around the estimate.
  const Interval big = wilson_interval(1019, 1024);
  EXPECT_NEAR(big.lo, 0.98862, 1e-5);
  EXPECT_NEAR(big.hi, 0.99791, 1e-5);
}

TEST(Wilson, BadInputsAreInputErrors) {
  EXPECT_THROW(wilson_interval(1, 0), InputError);
  EXPECT_THROW(wilson_interval(5, 4), InputError);
  EXPECT_THROW(wilson_interval(-1, 4), InputError);
}

TEST(Newcombe, DifferenceOfTwoWilsonIntervals) {
  // Newcombe 1998 Table II, example (a): 56/70 - 48/80 = 0.2, method 10: 0.0524 .. 0.3339.
  const double a = 56.0 / 70, b = 48.0 / 80;
  const Interval d = difference_interval(a, wilson_interval(56, 70), b, wilson_interval(48, 80));
  EXPECT_NEAR(d.lo, 0.0524, 1e-4);
  EXPECT_NEAR(d.hi, 0.3339, 1e-4);
  // Example (h): 10/10 - 0/10 = 1, method 10: 0.6075 .. 1.
  const Interval h = difference_interval(1, wilson_interval(10, 10), 0, wilson_interval(0, 10));
  EXPECT_NEAR(h.lo, 0.6075, 1e-4);
  EXPECT_NEAR(h.hi, 1.0, 1e-12);
  // 1 of 9 against 0 of 9 (the measured "1d above 2d"): the interval holds 0.
  const Interval c = difference_interval(1.0 / 9, wilson_interval(1, 9), 0, wilson_interval(0, 9));
  EXPECT_LT(c.lo, 0);
  EXPECT_GT(c.hi, 0);
  EXPECT_NEAR(c.lo, 1.0 / 9 - std::hypot(1.0 / 9 - wilson_interval(1, 9).lo, wilson_interval(0, 9).hi), 1e-12);
}

TEST(StudentT, TableAndExpansion) {
  EXPECT_DOUBLE_EQ(student_t975(1), 12.706);
  EXPECT_DOUBLE_EQ(student_t975(2), 4.303);
  EXPECT_DOUBLE_EQ(student_t975(30), 2.042);
  EXPECT_NEAR(student_t975(40), 2.021, 1e-3);   // tabulated 2.021
  EXPECT_NEAR(student_t975(120), 1.980, 1e-3);  // tabulated 1.980
  EXPECT_THROW(student_t975(0), InputError);
}

TEST(MeanInterval, StudentTOverReplicates) {
  const auto m = mean_interval(std::vector<double>{1, 2, 3});  // mean 2, sd 1, t(2) = 4.303
  ASSERT_TRUE(m);
  EXPECT_DOUBLE_EQ(m->mean, 2);
  EXPECT_DOUBLE_EQ(m->sd, 1);
  EXPECT_EQ(m->k, 3);
  EXPECT_NEAR(m->ci.lo, 2 - 4.303 / std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(m->ci.hi, 2 + 4.303 / std::sqrt(3.0), 1e-12);
  EXPECT_FALSE(mean_interval(std::vector<double>{5}));         // one replicate: no spread
  EXPECT_FALSE(mean_interval(std::vector<double>{5, NAN}));    // non-finite values are dropped
  const auto summary = mean_interval(-0.1, 0.2, 16);           // 16 curves: t(15) = 2.131
  ASSERT_TRUE(summary);
  EXPECT_NEAR(summary->ci.lo, -0.1 - 2.131 * 0.2 / 4, 1e-12);
  EXPECT_FALSE(mean_interval(0, 1, 1));
  EXPECT_FALSE(mean_interval(0, -1, 5));
}

TEST(IntervalText, PercentAndNumbers) {
  EXPECT_EQ(percent_interval_text(wilson_interval(6, 9)), "35.4 .. 87.9 %");
  EXPECT_EQ(interval_text({1.19, 1.69}), "1.19 .. 1.69");
}

}  // namespace
}  // namespace factorlab
