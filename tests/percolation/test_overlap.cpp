// tests/percolation/test_overlap.cpp — the overlap of two bumps: the closed form, its link radius, and
// the pixel-measured overlap against the closed form in the regimes overlap.h states:
//   sigma >= 1:   relative difference < 1e-3 (finite 64-frame and torus; integer and fractional offsets);
//   sigma = 0.5:  integer offsets give between 0.5 and 1 times the closed form (pixel ripple);
//   sigma = 0.1:  no agreement: at half-pixel offsets the pixel overlap is > 100 times the closed form.
#include <gtest/gtest.h>

#include <cmath>

#include "factorlab/core/error.h"
#include "factorlab/percolation/overlap.h"

namespace factorlab {
namespace {

TEST(BumpOverlap, AnalyticClosedForm) {
  for (double sigma : {0.1, 0.5, 1.0, 2.0}) {
    EXPECT_DOUBLE_EQ(analytic_overlap(sigma, 0.0), 1.0);
    EXPECT_NEAR(analytic_overlap(sigma, 2 * sigma), std::exp(-1.0), 1e-15);
    EXPECT_DOUBLE_EQ(analytic_overlap(sigma, -1.3), analytic_overlap(sigma, 1.3));
    EXPECT_LT(analytic_overlap(sigma, 1.1), analytic_overlap(sigma, 1.0));
  }
  EXPECT_NEAR(analytic_overlap(0.5, 1.0), std::exp(-1.0), 1e-15);  // d^2 / (4 sigma^2) = 1
}

TEST(BumpOverlap, LinkRadiusIsWhereTheOverlapEqualsTheThreshold) {
  for (double sigma : {0.1, 0.5, 1.0, 2.0})
    for (double threshold : {0.5, 0.005, 1e-6}) {
      const double r = analytic_link_radius(sigma, threshold);
      EXPECT_NEAR(analytic_overlap(sigma, r), threshold, 1e-12 * threshold + 1e-15);
    }
  // sigma = 2, threshold 0.005: 2 * 2 * sqrt(ln 200) = 9.2087...
  EXPECT_NEAR(analytic_link_radius(2.0, 0.005), 4.0 * std::sqrt(std::log(200.0)), 1e-12);
  EXPECT_THROW(analytic_link_radius(1.0, 0.0), std::invalid_argument);
  EXPECT_THROW(analytic_link_radius(1.0, 1.0), std::invalid_argument);
}

TEST(BumpOverlap, PixelMatchesAnalyticForWideBumps) {
  const double offsets[][2] = {{1, 0}, {0, 2}, {3, 4}, {2.5, 1.5}, {0.3, 0}, {-6, 1}, {8, 0}};
  for (bool periodic : {false, true})
    for (double sigma : {1.0, 1.5, 2.0, 3.0})
      for (const auto& o : offsets) {
        const double a = analytic_overlap(sigma, std::hypot(o[0], o[1]));
        const double p = pixel_overlap(sigma, o[0], o[1], 64, periodic);
        EXPECT_NEAR(p / a, 1.0, 1e-3) << "sigma " << sigma << " offset " << o[0] << "," << o[1]
                                      << (periodic ? " periodic" : " open");
      }
}

TEST(BumpOverlap, PixelRippleForSigmaHalf) {
  for (int dx = 0; dx <= 3; ++dx)
    for (int dy = 0; dy <= 3; ++dy) {
      const double a = analytic_overlap(0.5, std::hypot(dx, dy));
      const double p = pixel_overlap(0.5, dx, dy, 32, false);
      EXPECT_LE(p, a * (1 + 1e-6));
      EXPECT_GE(p, 0.5 * a);
    }
  EXPECT_NEAR(pixel_overlap(0.5, 0, 0, 32, true), 1.0, 1e-12);  // identical images
}

TEST(BumpOverlap, PixelationBreaksAgreementForTinySigma) {
  const double a = analytic_overlap(0.1, 0.5);  // e^-6.25 = 0.0019
  const double p = pixel_overlap(0.1, 0.5, 0.0, 32, false);
  EXPECT_GT(p, 100 * a);
  // At whole-pixel offsets both images are single bright pixels: the overlap vanishes.
  EXPECT_LT(pixel_overlap(0.1, 1.0, 0.0, 32, false), 1e-10);
}

TEST(BumpOverlap, PixelIsSymmetricAndTranslationInvariantOnTheTorus) {
  for (double d : {1.0, 2.0, 5.0}) {
    const double p = pixel_overlap(1.0, d, 0, 32, true);
    EXPECT_NEAR(pixel_overlap(1.0, -d, 0, 32, true), p, 1e-12);
    EXPECT_NEAR(pixel_overlap(1.0, 0, d, 32, true), p, 1e-12);
  }
  // On the torus of side 16, a pair 8 apart is 8 apart either way round.
  EXPECT_NEAR(pixel_overlap(3.0, 8, 0, 16, true), pixel_overlap(3.0, -8, 0, 16, true), 1e-12);
}

TEST(BumpOverlap, PixelRejectsPairsThatDoNotFit) {
  EXPECT_THROW(pixel_overlap(1.0, 17, 0, 32, true), InputError);
  EXPECT_THROW(pixel_overlap(1.0, 0, 32, 32, false), InputError);
  EXPECT_NO_THROW(pixel_overlap(1.0, 31, 0, 32, false));
  EXPECT_NO_THROW(pixel_overlap(1.0, 16, 0, 32, true));
}

TEST(BumpOverlap, PixelSearchRadiusCoversEveryPixelLink) {
  const double threshold = 0.005;
  for (double sigma : {0.5, 1.0, 2.0}) {
    const double r = pixel_search_radius(sigma, threshold);
    for (int k = static_cast<int>(std::ceil(r)); k < static_cast<int>(std::ceil(r)) + 4; ++k) {
      EXPECT_LT(pixel_overlap(sigma, k, 0, 64, false), threshold) << "sigma " << sigma << " distance " << k;
      EXPECT_LT(pixel_overlap(sigma, k * 0.6, k * 0.8, 64, false), threshold);
    }
  }
}

}  // namespace
}  // namespace factorlab
