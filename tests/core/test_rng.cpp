// Tests for core/rng: determinism, ranges, moments, independent derived streams.
#include <gtest/gtest.h>

#include <cmath>

#include "factorlab/core/rng.h"

using namespace factorlab;

TEST(Rng, SameSeedSameNumbers) {
  Rng a(42), b(42), c(43);
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next_u64();
    EXPECT_EQ(x, b.next_u64());
    EXPECT_NE(x, c.next_u64());
  }
}

TEST(Rng, UniformAndNormalMoments) {
  Rng r(1);
  const int n = 200000;
  double s = 0, s2 = 0, mn = 1, mx = 0, ns = 0, ns2 = 0;
  for (int i = 0; i < n; ++i) {
    const double u = r.uniform();
    s += u, s2 += u * u, mn = std::min(mn, u), mx = std::max(mx, u);
    const double z = r.normal();
    ns += z, ns2 += z * z;
  }
  EXPECT_GE(mn, 0.0);
  EXPECT_LT(mx, 1.0);
  // Standard errors: mean 1/sqrt(12 n) ~ 6.5e-4, so 5 sigma is 3.2e-3.
  EXPECT_NEAR(s / n, 0.5, 3.2e-3);
  EXPECT_NEAR(s2 / n - 0.25, 1.0 / 12, 3e-3);
  EXPECT_NEAR(ns / n, 0.0, 5 / std::sqrt(n));
  EXPECT_NEAR(ns2 / n, 1.0, 5 * std::sqrt(2.0 / n));
}

TEST(Rng, BelowIsUnbiasedAndInRange) {
  Rng r(3);
  int counts[7] = {};
  for (int i = 0; i < 70000; ++i) {
    const auto v = r.below(7);
    ASSERT_LT(v, 7u);
    ++counts[v];
  }
  for (int c : counts) EXPECT_NEAR(c, 10000, 500);  // ~5 sigma for a binomial(70000, 1/7)
}

TEST(Rng, ShuffleIsAPermutationAndSeeded) {
  std::vector<int> v(50), w;
  for (int i = 0; i < 50; ++i) v[i] = i;
  w = v;
  Rng a(5), b(5);
  a.shuffle(v);
  b.shuffle(w);
  EXPECT_EQ(v, w);
  std::vector<int> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < 50; ++i) EXPECT_EQ(sorted[i], i);
}

TEST(Rng, DerivedStreamsDependOnSeedKeyAndIndex) {
  const auto x = Rng::derive(1, "a", 0).next_u64();
  EXPECT_EQ(x, Rng::derive(1, "a", 0).next_u64());
  EXPECT_NE(x, Rng::derive(2, "a", 0).next_u64());
  EXPECT_NE(x, Rng::derive(1, "b", 0).next_u64());
  EXPECT_NE(x, Rng::derive(1, "a", 1).next_u64());
}

TEST(Rng, StateRestoresTheStream) {
  Rng a(9);
  a.next_u64();
  const auto s = a.state();
  const auto x = a.next_u64();
  Rng b(0);
  b.set_state(s);
  EXPECT_EQ(b.next_u64(), x);
}
