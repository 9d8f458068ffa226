// tests/eval/test_novelty.cpp — copies of training images (eval/novelty.h) on hand-made buffers:
// a sample equal to another condition's training image copies (d_train 0), one equal to its own
// truth does not, the strict ratio boundary, non-finite samples, group rates and medians, the
// blocked nearest search against brute force, and bad inputs.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "factorlab/core/rng.h"
#include "factorlab/data/holdout.h"
#include "factorlab/eval/novelty.h"

namespace factorlab {
namespace {

constexpr int kN = 3;
constexpr std::size_t kPix = kN * kN;

// Training image k: a single 1 at pixel k on zeros (pairwise distance sqrt(2)).
std::vector<float> unit_images(int K) {
  std::vector<float> v(K * kPix, 0.0f);
  for (int k = 0; k < K; ++k) v[k * kPix + k] = 1.0f;
  return v;
}

void append(std::vector<float>& to, const float* image) { to.insert(to.end(), image, image + kPix); }

TEST(Novelty, AnotherConditionsTrainingImageCopiesAndTheOwnTruthDoesNot) {
  const auto train = unit_images(4);
  std::vector<float> samples, truth;
  // 0: the sample is training image 2, its truth is training image 0 (another condition's image).
  append(samples, &train[2 * kPix]);
  append(truth, &train[0]);
  // 1: the sample is its own truth, which is training image 1: d_train = d_truth = 0, not a copy.
  append(samples, &train[1 * kPix]);
  append(truth, &train[1 * kPix]);
  const std::vector<std::int8_t> regions = {kRegionBandX, kRegionId};
  const NoveltyReport r = measure_novelty(kN, samples, truth, regions, train, 0.5);
  ASSERT_EQ(r.samples.size(), 2u);
  EXPECT_EQ(r.samples[0].nearest, 2);
  EXPECT_EQ(r.samples[0].d_train, 0.0);
  EXPECT_DOUBLE_EQ(r.samples[0].d_truth, std::sqrt(2.0));
  EXPECT_TRUE(r.samples[0].copies);
  EXPECT_EQ(r.samples[1].nearest, 1);
  EXPECT_EQ(r.samples[1].d_train, 0.0);
  EXPECT_EQ(r.samples[1].d_truth, 0.0);
  EXPECT_FALSE(r.samples[1].copies);
}

TEST(Novelty, TheRatioIsAStrictBoundary) {
  // Training image: zeros. Sample: 0.25 at pixel 0 (d_train = 0.25). Truth: the sample plus b at
  // pixel 1 (d_truth = b). All values exact in float and double.
  const std::vector<float> train(kPix, 0.0f);
  std::vector<float> sample(kPix, 0.0f);
  sample[0] = 0.25f;
  const auto verdict = [&](float b, double ratio) {
    std::vector<float> truth = sample;
    truth[1] = b;
    return measure_novelty(kN, sample, truth, {kRegionId}, train, ratio).samples[0];
  };
  const NoveltySample on = verdict(0.5f, 0.5);  // d_train = 0.5 * d_truth exactly
  EXPECT_EQ(on.d_train, 0.25);
  EXPECT_EQ(on.d_truth, 0.5);
  EXPECT_FALSE(on.copies);                      // strict: 0.25 < 0.25 is false
  EXPECT_TRUE(verdict(0.5f, 0.5 + 1e-9).copies);
  EXPECT_TRUE(verdict(0.75f, 0.5).copies);      // 0.25 < 0.375
  EXPECT_FALSE(verdict(0.25f, 0.5).copies);     // 0.25 > 0.125
}

TEST(Novelty, GroupRatesAndMediansFollowTheRegions) {
  const auto train = unit_images(5);
  std::vector<float> samples, truth;
  std::vector<std::int8_t> regions;
  // ID: 2 samples equal to their truth (not copies).
  for (int k = 0; k < 2; ++k) {
    append(samples, &train[k * kPix]);
    append(truth, &train[k * kPix]);
    regions.push_back(kRegionId);
  }
  // band_x: 3 samples, 2 copies of image 4 (truth image 3) and one halfway between them (not a copy).
  for (int i = 0; i < 2; ++i) {
    append(samples, &train[4 * kPix]);
    append(truth, &train[3 * kPix]);
    regions.push_back(kRegionBandX);
  }
  std::vector<float> half(kPix, 0.0f);
  half[3] = half[4] = 0.5f;
  append(samples, half.data());
  append(truth, &train[3 * kPix]);
  regions.push_back(kRegionBandX);
  // intersection: 1 copy.
  append(samples, &train[0]);
  append(truth, &train[2 * kPix]);
  regions.push_back(kRegionCross);

  const NoveltyReport r = measure_novelty(kN, samples, truth, regions, train, 0.5);
  std::vector<std::string> names;
  for (const auto& g : r.groups) names.push_back(g.name);
  EXPECT_EQ(names, (std::vector<std::string>{"all", "id", "ood", "band_x", "intersection"}));
  const auto rate = [&](const char* n) { return r.group(n)->copy_rate; };
  EXPECT_EQ(r.group("all")->count, 6);
  EXPECT_EQ(r.group("all")->copies, 3);
  EXPECT_DOUBLE_EQ(rate("all"), 0.5);
  EXPECT_DOUBLE_EQ(rate("id"), 0.0);
  EXPECT_DOUBLE_EQ(rate("ood"), 0.75);
  EXPECT_DOUBLE_EQ(rate("band_x"), 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(rate("intersection"), 1.0);
  EXPECT_EQ(r.group("band_y"), nullptr);
  // band_x: d_train {0, 0, sqrt(0.5)} -> median 0; d_truth {sqrt 2, sqrt 2, sqrt 0.5} -> sqrt 2.
  EXPECT_EQ(r.group("band_x")->median_d_train, 0.0);
  EXPECT_DOUBLE_EQ(r.group("band_x")->median_d_truth, std::sqrt(2.0));
  // id: two zeros; even count: the mean of the middle two.
  EXPECT_EQ(r.group("id")->median_d_truth, 0.0);
  // ood (4 samples): d_truth {sqrt 2, sqrt 2, sqrt 0.5, sqrt 2} -> sorted middle two sqrt 2, sqrt 2.
  EXPECT_DOUBLE_EQ(r.group("ood")->median_d_truth, std::sqrt(2.0));

  const Json j = r.to_json(true);
  EXPECT_EQ(j["groups"]["ood"]["copies"], 3);
  EXPECT_EQ(j["samples"].size(), 6u);
  EXPECT_EQ(j["samples"][2]["nearest"], 4);
  EXPECT_FALSE(r.to_json(false).contains("samples"));
  const std::string table = r.format_table();
  EXPECT_NE(table.find("band_x"), std::string::npos);
  EXPECT_NE(table.find("66.7"), std::string::npos);
}

TEST(Novelty, ANonFiniteSampleHasNoDistancesAndIsNoCopy) {
  const auto train = unit_images(2);
  std::vector<float> samples(&train[0], &train[0] + kPix), truth(&train[kPix], &train[kPix] + kPix);
  samples[4] = std::numeric_limits<float>::quiet_NaN();
  const NoveltyReport r = measure_novelty(kN, samples, truth, {kRegionBandY}, train, 0.5);
  EXPECT_EQ(r.samples[0].nearest, -1);
  EXPECT_TRUE(std::isnan(r.samples[0].d_train));
  EXPECT_FALSE(r.samples[0].copies);
  EXPECT_EQ(r.group("band_y")->count, 1);
  EXPECT_EQ(r.group("band_y")->copy_rate, 0.0);
  EXPECT_TRUE(std::isnan(r.group("band_y")->median_d_train));
  EXPECT_TRUE(r.to_json()["groups"]["band_y"]["median_d_train"].is_null());
}

TEST(Novelty, NearestImageMatchesBruteForceAcrossBlockEdges) {
  // Sizes that are not multiples of the 4-sample and 256-image blocks.
  const int N = 5;
  const std::size_t D = N * N, M = 11, K = 601;
  Rng rng(17);
  std::vector<float> train(K * D), samples(M * D), truth(M * D);
  for (auto& v : train) v = static_cast<float>(rng.uniform());
  for (auto& v : truth) v = static_cast<float>(rng.uniform());
  for (std::size_t m = 0; m < M; ++m)  // near training image 37 m + 5, plus noise
    for (std::size_t d = 0; d < D; ++d)
      samples[m * D + d] = train[(37 * m + 5) * D + d] + static_cast<float>(0.05 * (rng.uniform() - 0.5));
  const NoveltyReport r = measure_novelty(N, samples, truth, std::vector<std::int8_t>(M, kRegionId), train, 0.5);
  for (std::size_t m = 0; m < M; ++m) {
    std::size_t best = 0;
    double best_d = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k < K; ++k) {
      double s = 0;
      for (std::size_t d = 0; d < D; ++d) s += std::pow(static_cast<double>(samples[m * D + d]) - train[k * D + d], 2);
      if (s < best_d) best_d = s, best = k;
    }
    EXPECT_EQ(r.samples[m].nearest, static_cast<std::int64_t>(best)) << m;
    EXPECT_NEAR(r.samples[m].d_train, std::sqrt(best_d), 1e-12) << m;
  }
}

TEST(Novelty, BadInputsAreRejected) {
  const auto train = unit_images(2);
  const std::vector<float> one(train.begin(), train.begin() + kPix);
  EXPECT_THROW(measure_novelty(kN, one, one, {kRegionId}, {}, 0.5), std::invalid_argument);       // no training image
  EXPECT_THROW(measure_novelty(kN, one, {}, {kRegionId}, train, 0.5), std::invalid_argument);     // no truth
  EXPECT_THROW(measure_novelty(kN, one, one, {kRegionId, kRegionId}, train, 0.5), std::invalid_argument);
  EXPECT_THROW(measure_novelty(kN, one, one, {9}, train, 0.5), std::invalid_argument);            // unknown region
  EXPECT_THROW(measure_novelty(kN, one, one, {kRegionId}, train, 1.0), std::invalid_argument);
  EXPECT_THROW(measure_novelty(kN, one, one, {kRegionId}, train, 0.0), std::invalid_argument);
}

}  // namespace
}  // namespace factorlab
