// tests/eval/test_placement.cpp — scoring placements (eval/placement.h): ground truth scores 100 %,
// shifts beyond the tolerance 0 % and within it 100 %, wrap-around on the torus, sos axes judged
// apart, 1D stripes judged on their visible axis, blank and noise images "not a Gaussian" (and
// wrong), the MSE, and exact region counts for the paper's cross holdout built by build_dataset.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "factorlab/core/rng.h"
#include "factorlab/data/dataset.h"
#include "factorlab/data/render.h"
#include "factorlab/eval/eval_config.h"
#include "factorlab/eval/placement.h"

namespace factorlab {
namespace {

// A batch of conditions and images rendered at (possibly shifted) labels.
struct Batch {
  int N;
  std::vector<float> samples, targets, truth;
  std::vector<std::int8_t> kinds, regions;
  std::vector<Shape> shapes;

  void add(Shape shape, bool periodic, double mu_x, double mu_y, double sx = 0, double sy = 0,
           std::int8_t kind = kKind2D, std::int8_t region = kRegionId) {
    const std::size_t pix = static_cast<std::size_t>(N) * N;
    const ShapeParams p{shape, 1.0, 1.0, periodic};
    samples.resize(samples.size() + pix);
    render(p, N, mu_x + sx, mu_y + sy, samples.data() + samples.size() - pix);
    truth.resize(truth.size() + pix);
    render(p, N, mu_x, mu_y, truth.data() + truth.size() - pix);
    targets.push_back(static_cast<float>(mu_x));
    targets.push_back(static_cast<float>(mu_y));
    kinds.push_back(kind);
    regions.push_back(region);
    shapes.push_back(shape);
  }
  PlacementReport score(bool periodic, double tolerance = 1.0, bool with_truth = true) const {
    PlacementOptions o;
    o.periodic = periodic;
    o.tolerance = tolerance;
    return score_placements(N, samples, targets, kinds, regions, shapes, o, with_truth ? truth : std::vector<float>{});
  }
};

// Every integer label of an N x N frame, each sample shifted by (sx, sy).
Batch frame(Shape shape, bool periodic, int N, double sx, double sy) {
  Batch b{N, {}, {}, {}, {}, {}, {}};
  for (int y = 0; y < N; ++y)
    for (int x = 0; x < N; ++x) b.add(shape, periodic, x, y, sx, sy);
  return b;
}

TEST(Placement, GroundTruthScoresFullMarks) {
  for (Shape shape : {Shape::Bump, Shape::Sos})
    for (bool periodic : {false, true}) {
      const PlacementReport r = frame(shape, periodic, 16, 0, 0).score(periodic);
      const GroupScore* all = r.group("all");
      ASSERT_NE(all, nullptr);
      EXPECT_EQ(all->count, 256);
      EXPECT_EQ(all->x_accuracy, 1.0);
      EXPECT_EQ(all->y_accuracy, 1.0);
      EXPECT_EQ(all->joint_accuracy, 1.0);
      EXPECT_EQ(all->not_gaussian_rate, 0.0);
      EXPECT_EQ(all->mse, 0.0);
      ASSERT_EQ(r.groups.size(), 2u);  // all, id: no OOD member, no OOD group
      EXPECT_EQ(r.groups[1].name, "id");
      for (const auto& s : r.samples) ASSERT_LT(std::fabs(s.dx) + std::fabs(s.dy), 1e-6);
    }
}

TEST(Placement, ShiftsBeyondTheToleranceScoreZeroWithinItFull) {
  for (Shape shape : {Shape::Bump, Shape::Sos})
    for (bool periodic : {false, true}) {
      // Within: 0.6 px in x, 0.9 px in y (the centroid errs by < 0.05 px, towards the argmax).
      const GroupScore in = *frame(shape, periodic, 16, 0.6, -0.9).score(periodic).group("all");
      EXPECT_EQ(in.joint_accuracy, 1.0);
      // Beyond: 2 px in x only; on a non-periodic frame the samples pushed out of it are skipped
      // (a bump centred outside the frame is not visible as one).
      Batch b{16, {}, {}, {}, {}, {}, {}};
      for (int y = 0; y < 16; ++y)
        for (int x = 0; x < 16 - (periodic ? 0 : 2); ++x) b.add(shape, periodic, x, y, 2.0, 0.0);
      const GroupScore out = *b.score(periodic).group("all");
      EXPECT_EQ(out.x_accuracy, 0.0);
      EXPECT_EQ(out.y_accuracy, 1.0);
      EXPECT_EQ(out.joint_accuracy, 0.0);
      EXPECT_EQ(out.not_gaussian_rate, 0.0);
      // 1.5 px is beyond a tolerance of 1 but within one of 2.
      const Batch c = frame(shape, true, 16, 0, 1.5);
      EXPECT_EQ(c.score(true, 1.0).group("all")->y_accuracy, 0.0);
      EXPECT_EQ(c.score(true, 2.0).group("all")->y_accuracy, 1.0);
    }
}

TEST(Placement, PeriodicWrapCountsTheShortWayRound) {
  // Target 0, sample at N - 1: distance 1 on the torus (correct), N - 1 on the plane (wrong).
  for (Shape shape : {Shape::Bump, Shape::Sos}) {
    for (bool periodic : {true, false}) {
      Batch b{32, {}, {}, {}, {}, {}, {}};
      b.add(shape, periodic, 0, 10, 31, 0);
      b.add(shape, periodic, 10, 31, 0, -31);  // target y = 31, sample at y = 0
      const PlacementReport r = b.score(periodic);
      EXPECT_EQ(r.samples[0].correct_x, periodic);
      EXPECT_EQ(r.samples[1].correct_y, periodic);
      if (periodic) {
        EXPECT_NEAR(r.samples[0].dx, -1.0, 1e-9);
        EXPECT_NEAR(r.samples[1].dy, 1.0, 1e-9);
      }
      EXPECT_TRUE(r.samples[0].correct_y);
      EXPECT_TRUE(r.samples[1].correct_x);
    }
  }
}

TEST(Placement, SosAxesAreJudgedApart) {
  // Moving only the vertical stripe breaks x and leaves y; and the other way round.
  Batch b{32, {}, {}, {}, {}, {}, {}};
  b.add(Shape::Sos, false, 10, 20, 4, 0);
  b.add(Shape::Sos, false, 10, 20, 0, -5);
  const PlacementReport r = b.score(false);
  EXPECT_FALSE(r.samples[0].correct_x);
  EXPECT_TRUE(r.samples[0].correct_y);
  EXPECT_NEAR(r.samples[0].dx, 4.0, 1e-6);
  EXPECT_TRUE(r.samples[1].correct_x);
  EXPECT_FALSE(r.samples[1].correct_y);
  const GroupScore& g = *r.group("all");
  EXPECT_EQ(g.x_accuracy, 0.5);
  EXPECT_EQ(g.y_accuracy, 0.5);
  EXPECT_EQ(g.joint_accuracy, 0.0);
}

TEST(Placement, StripesAreJudgedOnTheirVisibleAxisOnly) {
  // 1D-x: a vertical stripe (mu_y in the margin); 1D-y: a horizontal one; a 0D sample: nothing.
  Batch b{32, {}, {}, {}, {}, {}, {}};
  b.add(Shape::Sos, false, 9, -6, 0, 0, kKind1DX);       // right
  b.add(Shape::Sos, false, 12, 37, 3, 0, kKind1DX);      // x off by 3: wrong
  b.add(Shape::Sos, false, -5, 14, 0, 0, kKind1DY);      // right
  b.add(Shape::Sos, false, -6, -6, 0, 0, kKind0D);       // blank: not judged, not flagged
  const PlacementReport r = b.score(false);
  EXPECT_TRUE(r.samples[0].judged_x);
  EXPECT_FALSE(r.samples[0].judged_y);
  EXPECT_TRUE(r.samples[0].correct_x);
  EXPECT_TRUE(r.samples[0].joint);
  EXPECT_FALSE(r.samples[0].not_gaussian);  // the row profile (no peak) is not judged
  EXPECT_FALSE(r.samples[1].joint);
  EXPECT_TRUE(r.samples[2].correct_y);
  EXPECT_TRUE(r.samples[2].joint);
  EXPECT_FALSE(r.samples[3].judged_x || r.samples[3].judged_y || r.samples[3].joint || r.samples[3].not_gaussian);
  const GroupScore& g = *r.group("all");
  EXPECT_EQ(g.count, 4);
  EXPECT_EQ(g.x_judged, 2);
  EXPECT_EQ(g.y_judged, 1);
  EXPECT_EQ(g.judged, 3);
  EXPECT_EQ(g.x_accuracy, 0.5);
  EXPECT_EQ(g.y_accuracy, 1.0);
  EXPECT_DOUBLE_EQ(g.joint_accuracy, 2.0 / 3.0);
  EXPECT_EQ(g.not_gaussian_rate, 0.0);
  // Only 1D-x samples: y accuracy has no sample, NaN, null in JSON.
  Batch c{32, {}, {}, {}, {}, {}, {}};
  c.add(Shape::Sos, false, 9, -6, 0, 0, kKind1DX);
  const PlacementReport rc = c.score(false);
  EXPECT_TRUE(std::isnan(rc.group("all")->y_accuracy));
  EXPECT_TRUE(rc.to_json()["groups"]["all"]["y_accuracy"].is_null());
  EXPECT_TRUE(rc.to_json()["samples"][0]["correct_y"].is_null());
  EXPECT_EQ(rc.to_json()["samples"][0]["correct_x"], true);
}

TEST(Placement, BlankAndNoiseAreNotAGaussianAndWrong) {
  const int N = 32;
  const std::size_t pix = static_cast<std::size_t>(N) * N;
  for (Shape shape : {Shape::Bump, Shape::Sos}) {
    Batch b{N, {}, {}, {}, {}, {}, {}};
    for (int k = 0; k < 12; ++k) b.add(shape, false, 0, 0);  // targets at the origin, where a blank's argmax is
    Rng rng(7);
    for (int k = 0; k < 12; ++k)
      for (std::size_t q = 0; q < pix; ++q)
        b.samples[k * pix + q] = k < 2   ? 0.f  // blank
                                 : k < 7 ? static_cast<float>(rng.uniform())
                                         : static_cast<float>(0.5 + 0.5 * rng.normal());  // x_T in data units
    const PlacementReport r = b.score(false);
    const GroupScore& g = *r.group("all");
    EXPECT_EQ(g.not_gaussian_rate, 1.0);
    EXPECT_EQ(g.joint_accuracy, 0.0);
    EXPECT_EQ(g.x_accuracy, 0.0);
    // The blank's location is (0, 0), on target: it is wrong because it is not a Gaussian.
    EXPECT_NEAR(std::fabs(r.samples[0].dx) + std::fabs(r.samples[0].dy), 0.0, 1e-9);
    EXPECT_FALSE(r.samples[0].correct_x);
    // A non-finite sample: flagged, no MSE.
    Batch n{N, {}, {}, {}, {}, {}, {}};
    n.add(shape, false, 5, 5);
    n.samples[3] = std::numeric_limits<float>::infinity();
    const PlacementReport rn = n.score(false);
    EXPECT_TRUE(rn.samples[0].not_gaussian);
    EXPECT_TRUE(std::isnan(rn.group("all")->mse));
  }
}

TEST(Placement, MseAgainstTheGroundTruth) {
  Batch b{16, {}, {}, {}, {}, {}, {}};
  b.add(Shape::Bump, true, 4, 4);
  b.add(Shape::Bump, true, 9, 3);
  for (std::size_t k = 0; k < 256; ++k) b.samples[k] += 0.1f;  // first sample: +0.1 everywhere
  const PlacementReport r = b.score(true);
  EXPECT_NEAR(r.samples[0].mse, 0.01, 1e-7);
  EXPECT_EQ(r.samples[1].mse, 0.0);
  EXPECT_NEAR(r.group("all")->mse, 0.005, 1e-7);
  EXPECT_TRUE(std::isnan(b.score(true, 1.0, false).group("all")->mse));  // no ground truth given
  EXPECT_TRUE(b.score(true, 1.0, false).to_json()["groups"]["all"]["mse"].is_null());
}

TEST(Placement, GroupsByRegion) {
  Batch b{32, {}, {}, {}, {}, {}, {}};
  b.add(Shape::Sos, false, 3, 3, 0, 0, kKind2D, kRegionId);
  b.add(Shape::Sos, false, 15, 3, 0, 3, kKind2D, kRegionBandX);  // y wrong
  b.add(Shape::Sos, false, 3, 15, 0, 0, kKind2D, kRegionBandY);
  b.add(Shape::Sos, false, 15, 15, 0, 0, kKind2D, kRegionCross);
  b.add(Shape::Sos, false, 25, 25, 0, 0, kKind2D, kRegionHeldOut);
  const PlacementReport r = b.score(false);
  std::vector<std::string> names;
  for (const auto& g : r.groups) names.push_back(g.name);
  EXPECT_EQ(names, (std::vector<std::string>{"all", "id", "ood", "band_x", "band_y", "intersection", "holdout"}));
  EXPECT_EQ(r.group("ood")->count, 4);
  EXPECT_EQ(r.group("ood")->joint_accuracy, 0.75);
  EXPECT_EQ(r.group("band_x")->x_accuracy, 1.0);
  EXPECT_EQ(r.group("band_x")->y_accuracy, 0.0);
  EXPECT_EQ(r.group("id")->joint_accuracy, 1.0);
  const Json j = r.to_json(false);
  EXPECT_EQ(j["groups"]["intersection"]["count"], 1);
  EXPECT_FALSE(j.contains("samples"));
  const std::string table = r.format_table();
  for (const auto& n : names) EXPECT_NE(table.find(n), std::string::npos) << table;
  EXPECT_NE(table.find("75.0"), std::string::npos) << table;
  // Bad input is a programming error, not the user's.
  Batch bad = b;
  bad.regions[0] = 9;
  EXPECT_THROW(bad.score(false), std::invalid_argument);
  bad = b;
  bad.targets.pop_back();
  EXPECT_THROW(bad.score(false), std::invalid_argument);
}

TEST(Placement, CrossHoldoutOfThePaperFromARealDataset) {
  // build_dataset with a cross 13..19 on N = 32: 25 x 25 ID labels; 7 x 25 in each band only; 7 x 7
  // in the intersection. Ground-truth images as samples score 100 % in every group.
  DataConfig data;
  data.N = 32;
  data.parts[0].shape = Shape::Sos;
  data.parts[0].holdout.type = HoldoutType::Cross;
  data.parts[0].holdout.a = 13;
  data.parts[0].holdout.b = 19;
  const Dataset ds = build_dataset(data);
  EvalConfig config;
  const EvalConditions c = select_conditions(config, data, ds);
  const PlacementReport r = score_placements(c, c.truth, placement_options(config, c.periodic));
  EXPECT_EQ(r.group("all")->count, 1024);
  EXPECT_EQ(r.group("id")->count, 625);
  EXPECT_EQ(r.group("ood")->count, 399);
  EXPECT_EQ(r.group("band_x")->count, 175);
  EXPECT_EQ(r.group("band_y")->count, 175);
  EXPECT_EQ(r.group("intersection")->count, 49);
  EXPECT_EQ(r.group("holdout"), nullptr);
  for (const auto& g : r.groups) {
    EXPECT_EQ(g.joint_accuracy, 1.0) << g.name;
    EXPECT_EQ(g.not_gaussian, 0) << g.name;
    EXPECT_EQ(g.mse, 0.0) << g.name;
  }
  // Region membership is the holdout's rule: band_x has mu_x in [13, 19] and mu_y outside.
  for (std::int64_t k = 0; k < c.size(); ++k) {
    const double x = c.labels[2 * k], y = c.labels[2 * k + 1];
    const bool bx = x >= 13 && x <= 19, by = y >= 13 && y <= 19;
    const std::int8_t want = bx && by ? kRegionCross : bx ? kRegionBandX : by ? kRegionBandY : kRegionId;
    ASSERT_EQ(c.regions[k], want) << x << "," << y;
  }
}

}  // namespace
}  // namespace factorlab
