// tests/analysis/test_bottleneck.cpp — bottleneck distances between tiny diagrams whose optimal
// matchings are found by hand.
#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "factorlab/analysis/bottleneck.h"

namespace factorlab {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(Bottleneck, ClosedForms) {
  const std::vector<PersistencePair> a = {{0, 0, kInf}, {0, 0, 1.0}, {1, 1.0, 3.0}};
  EXPECT_EQ(diagram_distance(a, a, 2), 0.0);
  // H1: [1, 3) against [1.25, 3.1): moving the point costs max(0.25, 0.1) = 0.25 < 1 (both to the diagonal).
  const std::vector<PersistencePair> b = {{0, 0, kInf}, {0, 0, 1.0}, {1, 1.25, 3.1}};
  EXPECT_DOUBLE_EQ(bottleneck_distance(a, b, 1), 0.25);
  EXPECT_DOUBLE_EQ(bottleneck_distance(a, b, 0), 0.0);  // the essential bars are matched to each other
  EXPECT_DOUBLE_EQ(diagram_distance(a, b, 2), 0.25);
  // A bar with no partner goes to the diagonal: (death - birth) / 2.
  const std::vector<PersistencePair> c = {{0, 0, kInf}};
  EXPECT_DOUBLE_EQ(bottleneck_distance(a, c, 0), 0.5);
  EXPECT_DOUBLE_EQ(bottleneck_distance(a, c, 1), 1.0);
  EXPECT_DOUBLE_EQ(diagram_distance(a, c, 1), 1.0);
  EXPECT_DOUBLE_EQ(diagram_distance(a, c, 0), 0.5);  // dims above max_dim are ignored
  // Two short bars against one: [0, 0.2) and [0, 1.1) vs [0, 1.0): match the long ones (0.1) and send
  // the short one to the diagonal (0.1).
  const std::vector<PersistencePair> d = {{0, 0, kInf}, {0, 0, 0.2}, {0, 0, 1.1}};
  EXPECT_NEAR(bottleneck_distance(a, d, 0), 0.1, 1e-12);
}

TEST(Bottleneck, EssentialBars) {
  const std::vector<PersistencePair> one = {{0, 0, kInf}}, two = {{0, 0, kInf}, {0, 0.5, kInf}};
  EXPECT_EQ(bottleneck_distance(one, two, 0), kInf);  // an essential bar cannot go to the diagonal
  const std::vector<PersistencePair> shifted = {{0, 0, kInf}, {0, 0.8, kInf}};
  EXPECT_DOUBLE_EQ(bottleneck_distance(two, shifted, 0), 0.3);
}

}  // namespace
}  // namespace factorlab
