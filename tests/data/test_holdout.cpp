// Tests for data/holdout: membership and counts on the integer lattice for every region type.
#include <gtest/gtest.h>

#include <map>

#include "factorlab/data/holdout.h"

using namespace factorlab;

namespace {
std::map<int, int> count_regions(const HoldoutConfig& h, int N) {
  std::map<int, int> c;
  for (int y = 0; y < N; ++y)
    for (int x = 0; x < N; ++x) ++c[holdout_region(h, N, x, y)];
  return c;
}
HoldoutConfig make(HoldoutType t, double a, double b, double w = 0, Units u = Units::Pixels) {
  HoldoutConfig h;
  h.type = t, h.a = a, h.b = b, h.w = w, h.units = u;
  return h;
}
}  // namespace

TEST(Holdout, CrossOfThePaper) {
  auto c = count_regions(make(HoldoutType::Cross, 13, 19), 32);
  EXPECT_EQ(c[kRegionCross], 49);         // 7 x 7 intersection
  EXPECT_EQ(c[kRegionBandX], 7 * 25);     // vertical band outside the intersection
  EXPECT_EQ(c[kRegionBandY], 7 * 25);
  EXPECT_EQ(c[kRegionId], 25 * 25);
  EXPECT_EQ(holdout_region(make(HoldoutType::Cross, 13, 19), 32, 13, 2), kRegionBandX);
  EXPECT_EQ(holdout_region(make(HoldoutType::Cross, 13, 19), 32, 2, 19), kRegionBandY);
  EXPECT_EQ(holdout_region(make(HoldoutType::Cross, 13, 19), 32, 12.99, 19.01), kRegionId);
}

TEST(Holdout, FractionsScaleWithN) {
  const auto px = count_regions(make(HoldoutType::Cross, 13, 19), 32);
  const auto fr = count_regions(make(HoldoutType::Cross, 13.0 / 32, 19.0 / 32, 0, Units::Fraction), 32);
  EXPECT_EQ(px, fr);
  auto c64 = count_regions(make(HoldoutType::Cross, 13.0 / 32, 19.0 / 32, 0, Units::Fraction), 64);
  EXPECT_EQ(c64[kRegionCross], 13 * 13);  // 26 .. 38 inclusive
}

TEST(Holdout, BandsSquaresAndLesions) {
  EXPECT_EQ(count_regions(make(HoldoutType::BandX, 4, 6), 16)[kRegionBandX], 3 * 16);
  EXPECT_EQ(count_regions(make(HoldoutType::BandY, 0, 0), 16)[kRegionBandY], 16);
  for (int W : {1, 3, 4, 8}) {
    EXPECT_EQ(count_regions(make(HoldoutType::SquareInterior, 0, 0, W), 32)[kRegionHeldOut], W * W) << W;
    EXPECT_EQ(count_regions(make(HoldoutType::SquareExterior, 0, 0, W), 32)[kRegionHeldOut], W * W) << W;
  }
  // The interior square is centred: for N = 32, W = 4 it is labels 14..17.
  EXPECT_EQ(holdout_region(make(HoldoutType::SquareInterior, 0, 0, 4), 32, 14, 17), kRegionHeldOut);
  EXPECT_EQ(holdout_region(make(HoldoutType::SquareInterior, 0, 0, 4), 32, 13, 15), kRegionId);
  // The exterior square sits at the label origin.
  EXPECT_EQ(holdout_region(make(HoldoutType::SquareExterior, 0, 0, 4), 32, 0, 3), kRegionHeldOut);
  EXPECT_EQ(holdout_region(make(HoldoutType::SquareExterior, 0, 0, 4), 32, 4, 0), kRegionId);
  // Lesion widths of the paper: 1, 3.5, 8 pixels hold out 1, 3, 7 columns centred on N/2.
  const std::pair<double, int> lesions[] = {{1.0, 1}, {3.5, 3}, {8.0, 7}};
  for (auto [w, cols] : lesions)
    EXPECT_EQ(count_regions(make(HoldoutType::LesionX, 0, 0, w), 32)[kRegionHeldOut], cols * 32) << w;
  EXPECT_EQ(holdout_region(make(HoldoutType::LesionX, 0, 0, 1.0), 32, 16, 5), kRegionHeldOut);
}

TEST(Holdout, NoneHoldsOutNothing) {
  EXPECT_EQ(count_regions(HoldoutConfig{}, 8)[kRegionId], 64);
}

TEST(Holdout, ValidationNamesTheKey) {
  try {
    make(HoldoutType::Cross, 19, 13).validate("data.parts.0.holdout", 32);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("data.parts.0.holdout.a = 19"), std::string::npos) << e.what();
  }
  EXPECT_THROW(make(HoldoutType::SquareInterior, 0, 0, 0).validate("h", 32), InputError);
  EXPECT_THROW(make(HoldoutType::LesionX, 0, 0, 40).validate("h", 32), InputError);
}
