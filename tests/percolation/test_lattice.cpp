// tests/percolation/test_lattice.cpp — link offsets on hand-counted cases, single trials at the ends of
// the lambda range, the kept fraction's statistics, seeded determinism, and the known physics:
// with nearest-neighbour links the median first-spanning fraction on a 256 x 256 lattice lies within
// 0.01 of the square-lattice site-percolation threshold p_c = 0.592746 (Newman & Ziff 2000).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>
#include <vector>

#include "factorlab/percolation/lattice.h"
#include "factorlab/percolation/overlap.h"

namespace factorlab {
namespace {

OverlapFn analytic(double sigma) {
  return [sigma](double dx, double dy) { return analytic_overlap(sigma, std::hypot(dx, dy)); };
}

LinkSet links_for(double sigma, int L, bool nearest = false, double spacing = 1.0, double threshold = 0.005) {
  return make_link_set(analytic(sigma), spacing, threshold, analytic_link_radius(sigma, threshold), L, nearest);
}

TEST(SiteLattice, LinkOffsetsForSigmaHalf) {
  // exp(-r^2) > 0.005 for r^2 in {1, 2, 4, 5} but not 8 or 9: 4 + 4 + 4 + 8 = 20 neighbours.
  const LinkSet links = links_for(0.5, 32);
  EXPECT_EQ(links.neighbours(), 20);
  EXPECT_NEAR(links.radius, std::sqrt(5.0), 1e-12);
  std::set<std::pair<int, int>> seen;
  for (const LatticeOffset& o : links.half_offsets) {
    EXPECT_TRUE(o.dj > 0 || (o.dj == 0 && o.di > 0)) << o.di << "," << o.dj;  // half plane only
    EXPECT_TRUE(seen.insert({o.di, o.dj}).second);
    EXPECT_TRUE(seen.count({-o.di, -o.dj}) == 0);
  }
}

TEST(SiteLattice, LinkOffsetsFollowSpacingThresholdAndRule) {
  EXPECT_EQ(links_for(0.1, 32).neighbours(), 0);  // exp(-25) < 0.005: isolated sites
  // Spacing 2: exp(-4) = 0.018 links the 4 nearest neighbours, exp(-8) does not link the diagonals.
  const LinkSet wide = links_for(0.5, 32, false, 2.0);
  EXPECT_EQ(wide.neighbours(), 4);
  EXPECT_DOUBLE_EQ(wide.radius, 2.0);
  // Threshold 0.1: exp(-1) and exp(-2) link, exp(-4) does not: 8 neighbours.
  EXPECT_EQ(links_for(0.5, 32, false, 1.0, 0.1).neighbours(), 8);
}

TEST(SiteLattice, NearestNeighbourRule) {
  const LinkSet nn = links_for(2.0, 32, true);
  ASSERT_EQ(nn.half_offsets.size(), 2u);
  EXPECT_EQ(nn.neighbours(), 4);
  EXPECT_DOUBLE_EQ(nn.radius, 1.0);
  EXPECT_EQ(links_for(0.1, 32, true).neighbours(), 0);  // still subject to the threshold
}

TEST(SiteLattice, LinksAreClippedToTheLattice) {
  // sigma 2 links out to 9.2 sites; on a 3 x 3 lattice only offsets in [-2, 2]^2 exist.
  const LinkSet links = links_for(2.0, 3);
  EXPECT_EQ(links.neighbours(), 24);  // every offset in [-2, 2]^2 except (0, 0)
  EXPECT_NEAR(links.radius, std::sqrt(8.0), 1e-12);
}

TEST(SiteLattice, FullLatticeIsOneSpanningCluster) {
  SiteLattice lattice(20, links_for(1.0, 20));
  Rng rng(1);
  const TrialResult r = lattice.run(1.0, rng);
  EXPECT_EQ(r.kept, 400);
  EXPECT_EQ(r.largest, 400);
  EXPECT_DOUBLE_EQ(r.ratio(), 1.0);
  EXPECT_TRUE(r.spans_rows);
  EXPECT_TRUE(r.spans_cols);
}

TEST(SiteLattice, EmptyAndUnlinkedLattices) {
  Rng rng(2);
  SiteLattice lattice(16, links_for(1.0, 16));
  const TrialResult none = lattice.run(0.0, rng);
  EXPECT_EQ(none.kept, 0);
  EXPECT_EQ(none.largest, 0);
  EXPECT_EQ(none.ratio(), 0.0);
  EXPECT_FALSE(none.spans_rows || none.spans_cols);

  SiteLattice isolated(16, links_for(0.1, 16));
  const TrialResult r = isolated.run(1.0, rng);
  EXPECT_EQ(r.kept, 256);
  EXPECT_EQ(r.largest, 1);
  EXPECT_FALSE(r.spans_rows || r.spans_cols);
}

TEST(SiteLattice, TinyLambdaGivesASmallRatio) {
  SiteLattice lattice(64, links_for(1.0, 64, true));
  double sum = 0;
  for (int t = 0; t < 50; ++t) {
    Rng rng = Rng::derive(3, "tiny", t);
    const TrialResult r = lattice.run(0.05, rng);
    ASSERT_GT(r.kept, 0);
    sum += r.ratio();
  }
  // About 205 kept sites, each with 0.2 kept neighbours on average: the largest cluster holds a few.
  EXPECT_LT(sum / 50, 0.1);
}

TEST(SiteLattice, KeptFractionIsBinomial) {
  SiteLattice lattice(64, links_for(1.0, 64));
  const int trials = 200;
  double kept = 0;
  for (int t = 0; t < trials; ++t) {
    Rng rng = Rng::derive(4, "kept", t);
    kept += lattice.run(0.3, rng).kept;
  }
  // Mean kept fraction 0.3, standard error sqrt(0.21 / (4096 * 200)) = 5.1e-4; tolerance 5 SE.
  EXPECT_NEAR(kept / (trials * 4096.0), 0.3, 2.6e-3);
}

TEST(SiteLattice, SameSeedSameTrial) {
  SiteLattice a(32, links_for(1.0, 32)), b(32, links_for(1.0, 32));
  Rng r1(99), r2(99);
  for (int t = 0; t < 5; ++t) {
    const TrialResult x = a.run(0.2, r1), y = b.run(0.2, r2);
    EXPECT_EQ(x.kept, y.kept);
    EXPECT_EQ(x.largest, y.largest);
    EXPECT_EQ(x.spans_rows, y.spans_rows);
  }
  Rng s1(5), s2(5);
  const SpanningFractions f = a.first_spanning(s1), g = b.first_spanning(s2);
  EXPECT_EQ(f.rows, g.rows);
  EXPECT_EQ(f.cols, g.cols);
}

TEST(SiteLattice, FirstSpanningOnTinyLattices) {
  // One site: it spans both ways as soon as it is added (1 of 1 sites).
  SiteLattice one(1, LinkSet{});
  Rng rng(6);
  const SpanningFractions f = one.first_spanning(rng);
  EXPECT_DOUBLE_EQ(f.rows, 1.0);
  EXPECT_DOUBLE_EQ(f.cols, 1.0);
  // Without links a 2 x 2 lattice never spans.
  SiteLattice unlinked(2, LinkSet{});
  const SpanningFractions g = unlinked.first_spanning(rng);
  EXPECT_TRUE(std::isnan(g.rows));
  EXPECT_TRUE(std::isnan(g.cols));
  // With nearest-neighbour links a column spans as soon as both of its sites are in: 2 .. 3 of 4.
  SiteLattice nn(2, links_for(1.0, 2, true));
  for (int t = 0; t < 20; ++t) {
    const SpanningFractions h = nn.first_spanning(rng);
    EXPECT_GE(h.rows, 0.5);
    EXPECT_LE(h.rows, 0.75);
  }
}

TEST(SiteLattice, SpanningThresholdOfTheSquareLattice) {
  const int L = 256, trials = 200;
  SiteLattice lattice(L, links_for(1.0, L, true));
  std::vector<double> fractions;
  for (int t = 0; t < trials; ++t) {
    Rng rng = Rng::derive(2408, "pc", t);
    const SpanningFractions f = lattice.first_spanning(rng);
    fractions.push_back(f.rows);
    fractions.push_back(f.cols);
  }
  std::sort(fractions.begin(), fractions.end());
  const double median = 0.5 * (fractions[trials - 1] + fractions[trials]);
  // The crossing probability of an L x L square at p_c tends to 1/2 (Cardy), so the median spanning
  // fraction estimates p_c; its spread at L = 256 is about 0.02, the median's error about 0.002.
  EXPECT_NEAR(median, 0.592746, 0.01);
}

}  // namespace
}  // namespace factorlab
