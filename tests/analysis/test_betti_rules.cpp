// tests/analysis/test_betti_rules.cpp — the three Betti rules on hand-made bars, where every count
// follows from the definitions in betti_rules.h.
#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "factorlab/analysis/betti_rules.h"

namespace factorlab {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(BettiRules, FractionRule) {
  std::vector<PersistencePair> bars = {{0, 0, kInf}, {0, 0, 0.05}, {0, 0, 0.5}, {1, 0.2, 1.0}, {1, 0.3, 0.35}};
  // Whole filtration: reference = largest finite death 1.0, bound 0.1; the never-dying H0 bar counts.
  EXPECT_DOUBLE_EQ(reference_death(bars, 2.0), 1.0);
  EXPECT_EQ(fraction_betti(bars, 2, 0.1, 2.0), (std::vector<int>{2, 1, 0}));
  // An essential H2 bar means the filtration was cut at 2.0: reference 2.0, bound 0.2, and the
  // essential bar's observed length is 2.0 - 0.5.
  bars.push_back({2, 0.5, kInf});
  EXPECT_DOUBLE_EQ(reference_death(bars, 2.0), 2.0);
  EXPECT_EQ(fraction_betti(bars, 2, 0.1, 2.0), (std::vector<int>{2, 1, 1}));
  EXPECT_EQ(fraction_betti(bars, 2, 0.8, 2.0), (std::vector<int>{1, 0, 0}));  // bound 1.6 > 1.5
  EXPECT_EQ(fraction_betti(bars, 1, 0.1, 2.0), (std::vector<int>{2, 1}));
}

TEST(BettiRules, GapRule) {
  // H0: persistences 3 (essential, threshold 3 - 0), 1.0, 0.9, 0.1 -> gaps 2.0, 0.1, 0.8, 0.1: one bar.
  // H1: 1.0, 0.95, 0.2, 0.15 -> gaps 0.05, 0.75, 0.05, 0.15: two bars.
  // H2: a single bar 0.01 -> the gap to the appended 0 is the only one: one bar (noise alone reads 1).
  const std::vector<PersistencePair> bars = {{0, 0, kInf},    {0, 0, 1.0},     {0, 0, 0.9},     {0, 0, 0.1},
                                             {1, 0.5, 1.5},   {1, 0.5, 1.45},  {1, 0.5, 0.7},   {1, 0.5, 0.65},
                                             {2, 0.9, 0.91}};
  EXPECT_EQ(gap_betti(bars, 2, 3.0), (std::vector<int>{1, 2, 1}));
  EXPECT_EQ(gap_betti(bars, 3, 3.0), (std::vector<int>{1, 2, 1, 0}));  // no H3 bar: 0
  // Ties go to fewer bars: 2, 1, 0 (appended) has gaps 1 and 1.
  EXPECT_EQ(gap_betti({{1, 0, 2}, {1, 0, 1}}, 1, 3.0), (std::vector<int>{0, 1}));
}

TEST(BettiRules, BandRule) {
  // Binary fractions, so every persistence is exact: H0 inf, 0.75, 0.25; H1 0.75, 0.5, 0.25; H2 0.5.
  const std::vector<PersistencePair> bars = {{0, 0, kInf},     {0, 0, 0.75},    {0, 0, 0.25},  {1, 0.25, 1.0},
                                             {1, 0.25, 0.75},  {1, 0.25, 0.5},  {2, 0.5, 1.0}};
  // Strictly above 2c: at 2c = 0.5 the bars of exactly 0.5 do not count.
  EXPECT_EQ(band_betti(bars, 2, 0.5, 5.0), (std::vector<int>{2, 1, 0}));
  EXPECT_EQ(band_betti(bars, 2, 0.375, 5.0), (std::vector<int>{2, 2, 1}));
  // However wide the band, the H0 class that never dies is counted; nothing else is.
  EXPECT_EQ(band_betti(bars, 2, 100.0, 5.0), (std::vector<int>{1, 0, 0}));
  // A second essential bar (a filtration cut short) is judged by its observed length, 5.0 - 4.75.
  std::vector<PersistencePair> cut = bars;
  cut.push_back({1, 4.75, kInf});
  EXPECT_EQ(band_betti(cut, 2, 0.5, 5.0), (std::vector<int>{2, 1, 0}));
  EXPECT_EQ(band_betti(cut, 2, 0.125, 5.0), (std::vector<int>{3, 4, 1}));
}

TEST(BettiRules, TopPersistence) {
  const std::vector<PersistencePair> bars = {{0, 0, kInf}, {0, 0, 0.5}, {0, 0, 0.3}, {0, 0, 0.2},
                                             {1, 0.2, 1.0}, {2, 0.5, 0.9}};
  const auto top = top_persistence(bars, 2, 3, 4.0);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0], (std::vector<double>{4.0, 0.5, 0.3}));  // the essential bar's observed 4.0 - 0
  EXPECT_EQ(top[1], (std::vector<double>{0.8}));
  ASSERT_EQ(top[2].size(), 1u);
  EXPECT_NEAR(top[2][0], 0.4, 1e-15);
}

}  // namespace
}  // namespace factorlab
