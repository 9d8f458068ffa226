// tests/eval/test_locate.cpp — the centre locators and the "not a single Gaussian" test of
// eval/locate.h, on images rendered by data/render.h (closed-form ground truth): exact centres at
// lattice labels, the stated truncation bias between them, wrap-around on the torus, the symmetric
// edge window, sos x and y from separate profiles, and blank / grey / noise / two-peak images flagged.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "factorlab/core/rng.h"
#include "factorlab/data/render.h"
#include "factorlab/eval/locate.h"

namespace factorlab {
namespace {

std::vector<float> image(Shape shape, int N, double mu_x, double mu_y, bool periodic = false, double sigma = 1.0) {
  std::vector<float> img(static_cast<std::size_t>(N) * N);
  render(ShapeParams{shape, sigma, sigma, periodic}, N, mu_x, mu_y, img.data());
  return img;
}

bool single(const Location& loc, Shape shape) {
  return loc.finite && is_single_gaussian(loc.x, shape) && is_single_gaussian(loc.y, shape);
}

TEST(Locate1D, CentroidAroundTheArgmax) {
  // A symmetric window around a symmetric peak: the centroid is the peak, exactly.
  const std::vector<double> v = {0, 0.1, 0.5, 1.0, 0.5, 0.1, 0, 0};
  const Peak1D p = locate_1d(v.data(), 8, 2, false);
  EXPECT_EQ(p.argmax, 3);
  EXPECT_DOUBLE_EQ(p.position, 3.0);
  EXPECT_DOUBLE_EQ(p.height, 1.0);
  EXPECT_DOUBLE_EQ(p.second, 0.0);  // the zeros at 7 are a plateau maximum of height 0
  // Weighted: window {1: 0.1, 2: 0.5, 3: 1.0, 4: 0.7, 5: 0.1} -> (0.1 + 1 + 3 + 2.8 + 0.5) / 2.4.
  const std::vector<double> w = {0, 0.1, 0.5, 1.0, 0.7, 0.1, 0, 0};
  EXPECT_NEAR(locate_1d(w.data(), 8, 2, false).position, 7.4 / 2.4, 1e-12);
  // r = 0: the argmax itself; ties go to the first.
  const std::vector<double> t = {0, 1, 1, 0};
  EXPECT_EQ(locate_1d(t.data(), 4, 0, false).position, 1.0);
  // A baseline is subtracted and negative weights are dropped: {0.2, 0.2, 1.2, 0.6, -5} - 0.2.
  const std::vector<double> b = {0.2, 0.2, 1.2, 0.6, -5};
  EXPECT_NEAR(locate_1d(b.data(), 5, 2, false, 0.2).position, 2.0 + 0.4 / 1.4, 1e-12);
  EXPECT_NEAR(locate_1d(b.data(), 5, 2, false, 0.2).height, 1.0, 1e-12);
  EXPECT_THROW(locate_1d(b.data(), 5, -1, false), std::invalid_argument);
  EXPECT_THROW(locate_1d(b.data(), 0, 2, false), std::invalid_argument);
}

TEST(Locate1D, PeriodicWindowWrapsAndMapsBack) {
  // Peak at 0 with more mass on the left (indices 7, 6): the centroid is negative, mapped to [0, 8).
  const std::vector<double> v = {1.0, 0.2, 0, 0, 0, 0.2, 0.6, 0.8};
  const Peak1D p = locate_1d(v.data(), 8, 2, true);
  EXPECT_EQ(p.argmax, 0);
  const double c = (0.2 * 1 - 0.8 * 1 - 0.6 * 2) / (1.0 + 0.2 + 0.8 + 0.6);  // window 6, 7, 0, 1, 2
  EXPECT_NEAR(p.position, 8 + c, 1e-12);
  // Without wrap the same data is a peak at 0 with a second maximum (0.8 at 7) beyond the window.
  const Peak1D q = locate_1d(v.data(), 8, 2, false);
  EXPECT_DOUBLE_EQ(q.position, 0.0);  // window shrunk to radius 0 at the edge
  EXPECT_DOUBLE_EQ(q.second, 0.8);
  EXPECT_DOUBLE_EQ(p.second, 0.0);    // on the ring, 7 is inside the window
}

TEST(LocateBump, ExactAtLatticeLabelsEverywhereInTheFrame) {
  const int N = 16;
  for (bool periodic : {false, true})
    for (int y = 0; y < N; ++y)
      for (int x = 0; x < N; ++x) {
        const auto img = image(Shape::Bump, N, x, y, periodic);
        const Location loc = locate_bump(img.data(), N, 2, periodic);
        // Symmetric windows (shrunk at a non-periodic edge) around a symmetric peak: exact.
        ASSERT_NEAR(loc.x.position, x, 1e-6) << x << "," << y << " periodic " << periodic;
        ASSERT_NEAR(loc.y.position, y, 1e-6) << x << "," << y << " periodic " << periodic;
        ASSERT_TRUE(single(loc, Shape::Bump)) << x << "," << y;
      }
}

TEST(LocateBump, TruncationBiasBetweenPixelsIsAsStated) {
  // Sub-pixel labels: the (2r+1) window truncates the Gaussian; the centroid errs towards the
  // argmax by at most 0.0447 pixel for sigma = 1, r = 2 (locate.h).
  const int N = 32;
  double worst = 0;
  for (int k = -50; k <= 50; ++k) {
    const double mu_x = 15 + k / 100.0, mu_y = 9 - k / 100.0;
    const auto img = image(Shape::Bump, N, mu_x, mu_y);
    const Location loc = locate_bump(img.data(), N, 2, false);
    worst = std::max({worst, std::fabs(loc.x.position - mu_x), std::fabs(loc.y.position - mu_y)});
    EXPECT_TRUE(single(loc, Shape::Bump)) << mu_x;  // peak >= exp(-1/4) = 0.78
    EXPECT_GE(loc.x.height, std::exp(-0.25) - 1e-6);
  }
  EXPECT_LT(worst, 0.0448);
  EXPECT_GT(worst, 0.040);  // the bias is real (reached at the half-pixel labels)
}

TEST(LocateBump, WrapAroundOnTheTorus) {
  const int N = 32;
  // mu = 31.6 on the torus: brightest pixel 0 (distance 0.4), centroid -0.4 + bias, mapped to ~31.6.
  const auto img = image(Shape::Bump, N, 31.6, 0.0, true);
  const Location loc = locate_bump(img.data(), N, 2, true);
  EXPECT_EQ(loc.x.argmax, 0);
  EXPECT_NEAR(loc.x.position, 31.6, 0.045);
  EXPECT_GE(loc.x.position, 0.0);
  EXPECT_LT(loc.x.position, N);
  EXPECT_NEAR(loc.y.position, 0.0, 1e-6);
  EXPECT_TRUE(single(loc, Shape::Bump));
  // The same label without wrap: half the bump is cut off, and the estimate stays inside the frame.
  const auto flat = image(Shape::Bump, N, 31.6, 5.0, false);
  EXPECT_NEAR(locate_bump(flat.data(), N, 2, false).x.position, 31.0, 1e-6);  // radius 0 at the edge
}

TEST(LocateBump, EdgeWindowIsShrunkNotClipped) {
  // mu = 1 on a non-periodic frame: radius min(2, 1) = 1 around argmax 1, exact. A clipped window
  // at mu = 0 would read 0.50; the shrunk one reads 0.
  const int N = 16;
  const auto a = image(Shape::Bump, N, 0.0, 7.0);
  EXPECT_NEAR(locate_bump(a.data(), N, 2, false).x.position, 0.0, 1e-12);
  const auto b = image(Shape::Bump, N, 0.7, 7.0);  // argmax 1, window 0..2
  const double w0 = std::exp(-0.7 * 0.7 / 2), w1 = std::exp(-0.3 * 0.3 / 2), w2 = std::exp(-1.3 * 1.3 / 2);
  EXPECT_NEAR(locate_bump(b.data(), N, 2, false).x.position, (w1 + 2 * w2) / (w0 + w1 + w2), 1e-6);
}

TEST(LocateSos, XAndYFromSeparateProfiles) {
  const int N = 32;
  for (bool periodic : {false, true})
    for (auto [mx, my] : {std::pair<double, double>{5, 11}, {0, 31}, {31, 0}, {12.3, 20.8}, {16, 16}}) {
      const auto img = image(Shape::Sos, N, mx, my, periodic);
      const Location loc = locate_sos(img.data(), N, 2, periodic);
      const double tol = (mx == std::round(mx)) ? 1e-6 : 0.045;
      EXPECT_NEAR(loc.x.position, mx, tol) << mx << "," << my;
      EXPECT_NEAR(loc.y.position, my, tol) << mx << "," << my;
      EXPECT_NEAR(loc.x.height, 0.5, 0.06);  // half a stripe above the median
      EXPECT_TRUE(single(loc, Shape::Sos)) << mx << "," << my;
    }
  // Each axis on its own: moving the horizontal stripe leaves x unchanged, and vice versa.
  const auto a = image(Shape::Sos, N, 7, 3), b = image(Shape::Sos, N, 7, 25), c = image(Shape::Sos, N, 22, 3);
  EXPECT_DOUBLE_EQ(locate_sos(a.data(), N, 2, false).x.position, locate_sos(b.data(), N, 2, false).x.position);
  EXPECT_DOUBLE_EQ(locate_sos(a.data(), N, 2, false).y.position, locate_sos(c.data(), N, 2, false).y.position);
}

TEST(LocateSos, MedianRemovesTheOtherStripesOffset) {
  const int N = 32;
  const auto img = image(Shape::Sos, N, 10, 20);
  const auto cp = column_profile(img.data(), N);
  // column profile = 0.5 g_x(i) + 0.5 mean_j g_y(j)
  double mean_gy = 0;
  for (int j = 0; j < N; ++j) mean_gy += std::exp(-(j - 20.0) * (j - 20.0) / 2) / N;
  for (int i = 0; i < N; ++i) EXPECT_NEAR(cp[i], 0.5 * std::exp(-(i - 10.0) * (i - 10.0) / 2) + 0.5 * mean_gy, 1e-6);
  EXPECT_NEAR(profile_median(cp), 0.5 * mean_gy, 1e-6);  // the stripe is far narrower than half the profile
  EXPECT_DOUBLE_EQ(profile_median({3, 1, 2}), 2.0);
  EXPECT_DOUBLE_EQ(profile_median({4, 1, 3, 2}), 2.5);
  // A 1D-x stripe image (mu_y in the margin): x is still exact from the column profile.
  const auto stripe = image(Shape::Sos, N, 9, -6);
  const Location loc = locate_sos(stripe.data(), N, 2, false);
  EXPECT_NEAR(loc.x.position, 9.0, 1e-6);
  EXPECT_TRUE(is_single_gaussian(loc.x, Shape::Sos));
}

TEST(NotAGaussian, BlankGreyAndNoiseAreFlagged) {
  const int N = 32;
  const std::size_t pix = static_cast<std::size_t>(N) * N;
  for (Shape shape : {Shape::Bump, Shape::Sos}) {
    const std::vector<float> blank(pix, 0.f), grey(pix, 0.5f);
    EXPECT_FALSE(single(locate(shape, blank.data(), N, 2, false), shape));
    EXPECT_FALSE(single(locate(shape, grey.data(), N, 2, true), shape));
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
      Rng rng(seed);
      std::vector<float> uniform(pix), normal(pix);
      for (std::size_t k = 0; k < pix; ++k) {
        uniform[k] = static_cast<float>(rng.uniform());
        normal[k] = static_cast<float>(0.5 + 0.5 * rng.normal());  // x_T ~ N(0, 1) in data units
      }
      for (bool periodic : {false, true}) {
        EXPECT_FALSE(single(locate(shape, uniform.data(), N, 2, periodic), shape)) << "uniform seed " << seed;
        EXPECT_FALSE(single(locate(shape, normal.data(), N, 2, periodic), shape)) << "normal seed " << seed;
      }
    }
  }
}

TEST(NotAGaussian, FaintPeakAndSecondPeak) {
  const int N = 32;
  const std::size_t pix = static_cast<std::size_t>(N) * N;
  auto a = image(Shape::Bump, N, 8, 8);
  auto faint = a;
  for (float& v : faint) v *= 0.45f;  // peak 0.45 < 0.5 x 1
  EXPECT_FALSE(single(locate_bump(faint.data(), N, 2, false), Shape::Bump));
  EXPECT_TRUE(is_single_gaussian(locate_bump(faint.data(), N, 2, false).x, Shape::Bump, 0.4));  // threshold is a key
  // A second bump at 0.6 of the first is flagged; one at 0.4 is not (fraction 0.5).
  const auto b = image(Shape::Bump, N, 22, 20);
  for (double s : {0.6, 0.4}) {
    std::vector<float> two(pix);
    for (std::size_t k = 0; k < pix; ++k) two[k] = a[k] + static_cast<float>(s) * b[k];
    const Location loc = locate_bump(two.data(), N, 2, false);
    EXPECT_NEAR(loc.x.second, s, 1e-6);
    EXPECT_EQ(single(loc, Shape::Bump), s < 0.5) << s;
    EXPECT_NEAR(loc.x.position, 8.0, 1e-6);  // still located on the brighter one
  }
  // Two vertical stripes: the column profile has two peaks.
  auto s1 = image(Shape::Sos, N, 6, 10), s2 = image(Shape::Sos, N, 20, 10);
  std::vector<float> stripes(pix);
  for (std::size_t k = 0; k < pix; ++k) stripes[k] = 0.5f * (s1[k] + s2[k]);
  const Location loc = locate_sos(stripes.data(), N, 2, false);
  EXPECT_FALSE(is_single_gaussian(loc.x, Shape::Sos));
  EXPECT_TRUE(is_single_gaussian(loc.y, Shape::Sos));
  // Non-finite values: located as 0, reported.
  a[5] = std::numeric_limits<float>::quiet_NaN();
  const Location n = locate_bump(a.data(), N, 2, false);
  EXPECT_FALSE(n.finite);
  EXPECT_NEAR(n.x.position, 8.0, 1e-6);
  EXPECT_FALSE(locate_sos(a.data(), N, 2, false).finite);
}

}  // namespace
}  // namespace factorlab
