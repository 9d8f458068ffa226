// Tests for data/dataset: lattices, kinds and the rim rule, parts and roles, subsampling, holdouts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "factorlab/data/dataset.h"

using namespace factorlab;

namespace {
std::map<int, int> kinds(const Dataset& d) {
  std::map<int, int> c;
  for (auto k : d.kinds) ++c[k];
  return c;
}
PartConfig stripes(bool drop_rim) {
  PartConfig p;
  p.shape = Shape::Sos;
  p.layout = Layout::Stripes;
  p.drop_rim = drop_rim;
  return p;
}
}  // namespace

TEST(Dataset, LatticeIsInclusive) {
  EXPECT_EQ(lattice(0, 31, 1).size(), 32u);
  EXPECT_EQ(lattice(-6, 37, 1).size(), 44u);
  EXPECT_EQ(lattice(0, 1, 0.1).size(), 11u);  // rounding must not drop the last point
  EXPECT_EQ(lattice(0, 31, 2).back(), 30);
}

TEST(Dataset, DefaultIsEveryIntegerCentreOfTheFrame) {
  DataConfig c;
  c.N = 8;
  Dataset d = build_dataset(c);
  EXPECT_EQ(d.size(), 64);
  EXPECT_EQ(d.ood_size(), 0);
  EXPECT_EQ(kinds(d)[kKind2D], 64);
  // Images match their labels: the brightest pixel of a bump is its centre.
  for (std::int64_t i = 0; i < d.size(); ++i) {
    const float* img = d.images.data() + i * 64;
    const auto at = std::max_element(img, img + 64) - img;
    EXPECT_EQ(at % 8, static_cast<long>(d.labels[2 * i]));
    EXPECT_EQ(at / 8, static_cast<long>(d.labels[2 * i + 1]));
  }
}

TEST(Dataset, StripesLayoutKindsAndRimRule) {
  DataConfig c;
  c.N = 32;  // margin round(6 * 32 / 32) = 6: a 44 x 44 canvas
  c.parts = {stripes(false)};
  Dataset d = build_dataset(c);
  EXPECT_EQ(d.margin, 6);
  // 12 margin rows x 32 frame columns per orientation. The rim (2 sigma = 2 px) makes the two
  // margin rows nearest the frame on each side 2D examples: 4 x 32 per orientation.
  auto k = kinds(d);
  EXPECT_EQ(k[kKind1DX], 8 * 32);
  EXPECT_EQ(k[kKind1DY], 8 * 32);
  EXPECT_EQ(k[kKind2D], 2 * 4 * 32);
  EXPECT_EQ(k[kKind0D], 0);
  for (std::int64_t i = 0; i < d.size(); ++i) {
    const float x = d.labels[2 * i], y = d.labels[2 * i + 1];
    const bool x_in = x >= 0 && x <= 31, y_in = y >= 0 && y <= 31;
    ASSERT_NE(x_in, y_in) << "stripes have exactly one coordinate in the margin";
    const float* img = d.images.data() + i * 32 * 32;
    if (d.kinds[i] == kKind1DX) {
      // Only the vertical stripe shows: every row is the same 1D profile, up to the faint tail of
      // the horizontal stripe, at most 0.5 exp(-3^2 / 2) = 0.0056 for the first label beyond the rim.
      EXPECT_NEAR(img[0 * 32 + static_cast<int>(x)], img[31 * 32 + static_cast<int>(x)], 0.5 * std::exp(-4.5) + 1e-6);
      EXPECT_GE(std::max(-y, y - 31), 3);
    }
  }
  c.parts = {stripes(true)};
  Dataset no_rim = build_dataset(c);
  EXPECT_EQ(kinds(no_rim)[kKind2D], 0);
  EXPECT_EQ(no_rim.size(), 2 * 8 * 32);
}

TEST(Dataset, LabelKindFollowsVisibility) {
  bool rim = false;
  EXPECT_EQ(label_kind(32, 5, 5, 2, 2, &rim), kKind2D);
  EXPECT_FALSE(rim);
  EXPECT_EQ(label_kind(32, 5, -2, 2, 2, &rim), kKind2D);
  EXPECT_TRUE(rim);
  EXPECT_EQ(label_kind(32, 5, -3, 2, 2, &rim), kKind1DX);
  EXPECT_EQ(label_kind(32, 34, 5, 2, 2, &rim), kKind1DY);
  EXPECT_EQ(label_kind(32, -4, 36, 2, 2, &rim), kKind0D);
}

TEST(Dataset, CanvasLayoutWithZeroD) {
  DataConfig c;
  c.N = 16;
  c.margin = 3;
  PartConfig p;
  p.shape = Shape::Sos;
  p.layout = Layout::Canvas;
  p.rim = 0;  // every margin label invisible
  p.include_0d = true;
  c.parts = {p};
  Dataset d = build_dataset(c);
  auto k = kinds(d);
  EXPECT_EQ(d.size(), 22 * 22);
  EXPECT_EQ(k[kKind2D], 16 * 16);
  EXPECT_EQ(k[kKind1DX], 6 * 16);
  EXPECT_EQ(k[kKind0D], 6 * 6);
  c.parts[0].include_0d = false;
  EXPECT_EQ(build_dataset(c).size(), 22 * 22 - 36);
}

TEST(Dataset, CrossHoldoutMakesTheOodSet) {
  DataConfig c;
  c.N = 32;
  PartConfig hole;
  hole.shape = Shape::Sos;
  hole.holdout.type = HoldoutType::Cross;
  hole.holdout.a = 13;
  hole.holdout.b = 19;
  c.parts = {hole, stripes(false)};
  Dataset d = build_dataset(c);
  EXPECT_EQ(d.ood_size(), 399);
  std::map<int, int> regions;
  for (auto r : d.ood_regions) ++regions[r];
  EXPECT_EQ(regions[kRegionCross], 49);
  EXPECT_EQ(regions[kRegionBandX], 175);
  EXPECT_EQ(regions[kRegionBandY], 175);
  // No training example of the 2D part lies in the cross; the stripes cover the full range.
  std::set<float> stripe_x;
  for (std::int64_t i = 0; i < d.size(); ++i) {
    const float x = d.labels[2 * i], y = d.labels[2 * i + 1];
    if (d.parts[i] == 0) {
      EXPECT_FALSE((x >= 13 && x <= 19) || (y >= 13 && y <= 19));
    }
    if (d.parts[i] == 1 && d.kinds[i] == kKind1DX) stripe_x.insert(x);
  }
  EXPECT_EQ(stripe_x.size(), 32u);
  EXPECT_EQ(d.size(), (1024 - 399) + 768);
  // OOD ground truth images are the rendered conditions.
  const float* img = d.ood_images.data();
  const int x0 = static_cast<int>(d.ood_labels[0]), y0 = static_cast<int>(d.ood_labels[1]);
  EXPECT_NEAR(img[y0 * 32 + x0], 1.0, 1e-6);
}

TEST(Dataset, TestRolePartGivesOnlyTestConditions) {
  DataConfig c;
  c.N = 16;
  PartConfig test;
  test.role = Role::Test;
  test.shape = Shape::Sos;
  test.holdout.type = HoldoutType::SquareInterior;
  test.holdout.w = 4;
  c.parts = {stripes(true), test};
  Dataset d = build_dataset(c);
  EXPECT_EQ(d.ood_size(), 16);
  for (auto p : d.parts) EXPECT_EQ(p, 0);
}

TEST(Dataset, SubsampleKeepsExactCountAndIsSeeded) {
  DataConfig c;
  c.N = 16;
  c.parts[0].subsample = 0.3;
  Dataset a = build_dataset(c), b = build_dataset(c);
  EXPECT_EQ(a.size(), std::lround(0.3 * 256));
  EXPECT_EQ(a.labels, b.labels);
  EXPECT_EQ(a.images, b.images);
  c.seed = 1;
  Dataset other = build_dataset(c);
  EXPECT_EQ(other.size(), a.size());
  EXPECT_NE(other.labels, a.labels);
  std::set<std::pair<float, float>> unique;
  for (std::int64_t i = 0; i < a.size(); ++i) unique.insert({a.labels[2 * i], a.labels[2 * i + 1]});
  EXPECT_EQ(static_cast<std::int64_t>(unique.size()), a.size()) << "subsampling draws without replacement";
}

TEST(Dataset, InvalidConfigsAreRejectedWithTheKey) {
  auto message = [](DataConfig c) {
    try {
      build_dataset(c);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  DataConfig c;
  c.N = 2;
  EXPECT_NE(message(c).find("data.N = 2"), std::string::npos);
  c = DataConfig{};
  c.parts[0].subsample = 0;
  EXPECT_NE(message(c).find("data.parts.0.subsample = 0"), std::string::npos);
  c = DataConfig{};
  c.parts[0].periodic = true;
  c.parts[0].layout = Layout::Stripes;
  EXPECT_NE(message(c).find("periodic"), std::string::npos);
  c = DataConfig{};
  c.parts[0].x_range = {5};
  EXPECT_NE(message(c).find("x_range must be [lo, hi]"), std::string::npos);
  c = DataConfig{};
  c.parts.clear();
  EXPECT_NE(message(c).find("data.parts is empty"), std::string::npos);
  c = DataConfig{};
  c.parts[0].role = Role::Test;
  EXPECT_NE(message(c).find("needs a holdout"), std::string::npos);
  c = DataConfig{};
  c.parts[0].holdout.type = HoldoutType::BandX;
  c.parts[0].holdout.a = -100;
  c.parts[0].holdout.b = 100;
  EXPECT_NE(message(c).find("no training examples"), std::string::npos);
}
