// Tests for data/render: pixel values against the formulas of docs/design.md 1, including the torus.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "factorlab/data/render.h"

using namespace factorlab;

TEST(Render, BumpMatchesFormula) {
  const int N = 16;
  ShapeParams p{Shape::Bump, 1.3, 0.7, false};
  std::vector<float> img(N * N);
  render(p, N, 5.25, 9.5, img.data());
  for (int j = 0; j < N; ++j)
    for (int i = 0; i < N; ++i) {
      const double want = std::exp(-(i - 5.25) * (i - 5.25) / (2 * 1.3 * 1.3) - (j - 9.5) * (j - 9.5) / (2 * 0.7 * 0.7));
      ASSERT_NEAR(img[j * N + i], want, 1e-6) << i << "," << j;  // float rounding
    }
  EXPECT_NEAR(img[9 * N + 5], std::exp(-0.0625 / (2 * 1.69) - 0.25 / (2 * 0.49)), 1e-6);
}

TEST(Render, SumOfStripesIsMeanOfTwoProfiles) {
  const int N = 12;
  ShapeParams p{Shape::Sos, 1.0, 1.0, false};
  std::vector<float> img(N * N);
  render(p, N, 3, 8, img.data());
  EXPECT_NEAR(img[8 * N + 3], 1.0, 1e-6);                            // both stripes cross here
  EXPECT_NEAR(img[0 * N + 3], 0.5 * (1 + std::exp(-32.0)), 1e-6);   // on the vertical stripe only
  EXPECT_NEAR(img[8 * N + 11], 0.5 * (std::exp(-32.0) + 1), 1e-6);  // on the horizontal stripe only
}

TEST(Render, StripeInTheMarginLeavesOnlyTheOtherStripe) {
  const int N = 32;
  ShapeParams p{Shape::Sos, 1.0, 1.0, false};
  std::vector<float> img(N * N);
  render(p, N, 10, -6, img.data());  // mu_y six pixels above the frame: a 1D vertical stripe
  double max_off_stripe = 0;
  for (int j = 0; j < N; ++j) {
    EXPECT_NEAR(img[j * N + 10], 0.5, 0.5 * std::exp(-18.0) + 1e-6);
    for (int i = 0; i < N; ++i)
      // What is left after removing the vertical stripe is the (invisible) horizontal one.
      max_off_stripe = std::max(max_off_stripe, img[j * N + i] - 0.5 * std::exp(-(i - 10) * (i - 10) / 2.0));
  }
  EXPECT_LT(max_off_stripe, 0.5 * std::exp(-18.0) + 1e-6);  // the horizontal stripe is invisible
}

TEST(Render, TorusWrapsAround) {
  const int N = 16;
  ShapeParams p{Shape::Bump, 1.0, 1.0, true};
  std::vector<float> img(N * N);
  render(p, N, 0.0, 15.5, img.data());
  // Column 15 is at minimum-image distance 1 from mu_x = 0; row 0 is 0.5 from mu_y = 15.5.
  EXPECT_NEAR(img[0 * N + 15], std::exp(-0.5 - 0.125), 1e-6);
  EXPECT_NEAR(img[0 * N + 1], img[0 * N + 15], 1e-6);
  EXPECT_NEAR(img[15 * N + 0], img[0 * N + 0], 1e-6);
  // Without the torus the same pixel is far from the centre.
  ShapeParams flat = p;
  flat.periodic = false;
  EXPECT_LT(pixel_value(flat, N, 15, 0, 0.0, 15.5), 1e-20);
}

TEST(Render, WrapDiffIsMinimumImage) {
  EXPECT_DOUBLE_EQ(wrap_diff(15, 16), -1);
  EXPECT_DOUBLE_EQ(wrap_diff(-15, 16), 1);
  EXPECT_DOUBLE_EQ(wrap_diff(8, 16), -8);  // [-N/2, N/2)
  EXPECT_DOUBLE_EQ(wrap_diff(-8, 16), -8);
  EXPECT_DOUBLE_EQ(wrap_diff(3.5, 16), 3.5);
  EXPECT_DOUBLE_EQ(wrap_diff(33, 16), 1);
}
