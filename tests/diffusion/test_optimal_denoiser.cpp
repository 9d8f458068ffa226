// tests/diffusion/test_optimal_denoiser.cpp — the batched exact optimal denoiser
// (diffusion/optimal_denoiser.h) against the plain per-row closed form (tests/support/
// optimal_reference.h) with mixed timesteps in a batch (the nearest kernel's gathered and dense
// paths, the gaussian kernel flat and on the torus); its label prior (nearest set, ties, the
// torus); and DDIM / DDPM samples of a tiny training set landing on an image of the condition's label.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "factorlab/diffusion/gaussian_diffusion.h"
#include "factorlab/diffusion/optimal_denoiser.h"

#include "../support/optimal_reference.h"

namespace factorlab {
namespace {

const auto kF64 = torch::dtype(torch::kFloat64);

// K images [K, 1, 4, 4] in [-1, 1] and labels [K, 2]: a 4 x 3 lattice, image 11 sharing image 0's label.
struct Toy {
  torch::Tensor images, labels;
};
Toy toy() {
  torch::manual_seed(7);
  Toy t;
  t.images = (torch::rand({12, 1, 4, 4}, kF64) * 2 - 1);
  std::vector<double> l;
  for (int k = 0; k < 12; ++k) l.insert(l.end(), {static_cast<double>(k % 4), static_cast<double>((k / 4) % 3)});
  l[22] = 0, l[23] = 0;
  t.labels = torch::tensor(l, kF64).reshape({12, 2});
  return t;
}

// Rows of x_t with timesteps from 0 to T - 1 mixed in one batch: noised training images (so the
// posterior is sharp at small t) and pure noise.
struct Batch {
  torch::Tensor x_t, t;
};
Batch mixed_batch(const Schedule& s, const torch::Tensor& images, int64_t B) {
  torch::manual_seed(11);
  const int64_t K = images.size(0);
  auto t = torch::randint(0, s.T, {B}, torch::kLong);
  t[0] = 0, t[1] = 1, t[2] = s.T - 1, t[3] = 0;
  auto x0 = images.index_select(0, torch::randint(0, K, {B}, torch::kLong));
  auto x_t = q_sample(s, x0, t, torch::randn(x0.sizes(), kF64));
  x_t[4] = torch::randn({1, 4, 4}, kF64);
  return {x_t, t};
}

// The reference's nearest prior on training conditions: uniform over the images whose label equals
// the condition (0 / -inf; the reference normalizes), leaving out image `drop`.
test_support::LogPrior same_label_prior(const torch::Tensor& labels, int64_t drop = -1) {
  return [labels, drop](int64_t, const torch::Tensor& c) {
    auto same = (labels - c.unsqueeze(0)).abs().sum(1) == 0;
    if (drop >= 0) same[drop] = false;
    return torch::where(same, torch::zeros({}, kF64), torch::full({}, -INFINITY, kF64));
  };
}

// Both sides run in float64; they differ only in rounding (the batched form drops the per-row
// |x_t|^2 and uses matmuls), amplified by 1 / (2 beta_0) = 5e3 in the logits and by
// 1 / sqrt(beta_0) = 100 in eps: 1e-8 on eps of order 1 leaves room for both.
constexpr double kTol = 1e-8;

TEST(OptimalDenoiser, NearestOnTrainingConditionsEqualsTheClosedFormWithMixedTimesteps) {
  const Schedule s = make_schedule(DiffusionConfig{});
  const Toy d = toy();
  const Batch b = mixed_batch(s, d.images, 24);
  auto cond = d.labels.index_select(0, torch::arange(24, torch::kLong) % 12);  // every label twice
  const Denoiser fast = make_optimal_denoiser(s, d.images, d.labels, OptimalConfig{}, false, 0);
  const Denoiser ref = test_support::optimal_denoiser(s, d.images.reshape({12, -1}), same_label_prior(d.labels));
  const auto got = fast(b.x_t, b.t, cond), want = ref(b.x_t, b.t, cond);
  ASSERT_EQ(got.sizes(), b.x_t.sizes());
  ASSERT_EQ(got.scalar_type(), torch::kFloat64);
  EXPECT_LT((got - want).abs().max().item<double>(), kTol);
  // Label (0, 0) has two images (0 and 11): the prior shares between them rather than picking one.
  const Denoiser only_first = test_support::optimal_denoiser(s, d.images.reshape({12, -1}), same_label_prior(d.labels, 11));
  EXPECT_GT((got - only_first(b.x_t, b.t, cond)).abs().max().item<double>(), 1e-3);
}

TEST(OptimalDenoiser, ChangedConditionsBetweenCallsAreNotAnsweredFromTheLastBatch) {
  // The denoiser keeps the last batch's prior and nearest sets (optimal_denoiser.h): a call with
  // other conditions, another batch size, or the first conditions again must each agree with a
  // denoiser that never saw an earlier batch; for both kernels.
  const Schedule s = make_schedule(DiffusionConfig{});
  const Toy d = toy();
  const Batch b = mixed_batch(s, d.images, 24);
  const auto cond_a = d.labels.index_select(0, torch::arange(24, torch::kLong) % 12);
  auto cond_b = cond_a.flip(0).clone();
  cond_b[0][0] = 2.6;  // one row off the lattice: its nearest set changes
  const auto x_small = b.x_t.slice(0, 0, 5), t_small = b.t.slice(0, 0, 5), cond_small = cond_b.slice(0, 0, 5);
  OptimalConfig gaussian;
  gaussian.label_kernel = LabelKernel::Gaussian;
  gaussian.bandwidth = 0.8;
  for (const OptimalConfig& config : {OptimalConfig{}, gaussian}) {
    auto fresh = [&] { return make_optimal_denoiser(s, d.images, d.labels, config, false, 0); };
    const Denoiser kept = fresh();
    const auto a1 = kept(b.x_t, b.t, cond_a);
    const auto b1 = kept(b.x_t, b.t, cond_b);
    const auto small = kept(x_small, t_small, cond_small);
    const auto a2 = kept(b.x_t, b.t, cond_a);
    EXPECT_LT((a1 - fresh()(b.x_t, b.t, cond_a)).abs().max().item<double>(), kTol);
    EXPECT_LT((b1 - fresh()(b.x_t, b.t, cond_b)).abs().max().item<double>(), kTol);
    EXPECT_LT((small - fresh()(x_small, t_small, cond_small)).abs().max().item<double>(), kTol);
    EXPECT_LT((a2 - a1).abs().max().item<double>(), kTol);
    EXPECT_GT((b1 - a1).abs().max().item<double>(), 1e-3);  // the conditions matter, so the check can fail
  }
}

TEST(OptimalDenoiser, NearestWithALargeTiedSetTakesTheDensePathAndAgrees) {
  // 80 images on one label: a nearest set above the 64 the gathered path takes, so the dense
  // matmul runs; on that label the prior is uniform over all, i.e. the unconditional denoiser.
  const Schedule s = make_schedule(DiffusionConfig{});
  torch::manual_seed(5);
  auto images = torch::rand({80, 1, 4, 4}, kF64) * 2 - 1;
  auto labels = torch::full({80, 2}, 3.0, kF64);
  const Batch b = mixed_batch(s, images, 8);
  auto cond = torch::rand({8, 2}, kF64) * 6;
  const auto got = make_optimal_denoiser(s, images, labels, OptimalConfig{}, false, 0)(b.x_t, b.t, cond);
  const auto want = test_support::optimal_denoiser(s, images.reshape({80, -1}))(b.x_t, b.t, cond);
  EXPECT_LT((got - want).abs().max().item<double>(), kTol);
}

TEST(OptimalDenoiser, GaussianWithAHugeBandwidthIsTheUnconditionalOne) {
  const Schedule s = make_schedule(DiffusionConfig{});
  const Toy d = toy();
  const Batch b = mixed_batch(s, d.images, 16);
  auto cond = torch::rand({16, 2}, kF64) * 10 - 3;  // anywhere, on or off the lattice
  OptimalConfig c;
  c.label_kernel = LabelKernel::Gaussian;
  c.bandwidth = 1e6;  // label distances below 10 change the prior by < 1e-10
  const auto got = make_optimal_denoiser(s, d.images, d.labels, c, false, 0)(b.x_t, b.t, cond);
  const auto want = test_support::optimal_denoiser(s, d.images.reshape({12, -1}))(b.x_t, b.t, cond);
  EXPECT_LT((got - want).abs().max().item<double>(), kTol);
}

TEST(OptimalDenoiser, GaussianOnTheTorusEqualsTheClosedFormWithThatPrior) {
  const Schedule s = make_schedule(DiffusionConfig{});
  const Toy d = toy();
  const Batch b = mixed_batch(s, d.images, 16);
  auto cond = torch::rand({16, 2}, kF64) * 4;  // labels on a torus of side 4
  OptimalConfig c;
  c.label_kernel = LabelKernel::Gaussian;
  c.bandwidth = 0.7;
  const auto prior = [&](int64_t, const torch::Tensor& cv) {
    auto diff = d.labels - cv.unsqueeze(0);
    diff = diff - 4.0 * torch::round(diff / 4.0);
    return -diff.pow(2).sum(1) / (2 * 0.7 * 0.7);
  };
  const auto got = make_optimal_denoiser(s, d.images, d.labels, c, true, 4.0)(b.x_t, b.t, cond);
  const auto want = test_support::optimal_denoiser(s, d.images.reshape({12, -1}), prior)(b.x_t, b.t, cond);
  EXPECT_LT((got - want).abs().max().item<double>(), kTol);
  // The flat distance would give another answer: the torus matters here.
  const auto flat = make_optimal_denoiser(s, d.images, d.labels, c, false, 0)(b.x_t, b.t, cond);
  EXPECT_GT((flat - want).abs().max().item<double>(), 1e-3);
}

TEST(OptimalDenoiser, NearestPriorIsTheNearestLabelsImagesWithTiesShared) {
  auto labels = torch::tensor({0.0, 0.0, 2.0, 0.0, 0.0, 2.0, 2.0, 2.0}, kF64).reshape({4, 2});
  auto cond = torch::tensor({0.4, 0.1,  1.0, 0.0,  1.0, 1.0,  1.0 + 1e-7, 0.0,  1.0 + 1e-3, 0.0,  3.7, 0.0}, kF64)
                  .reshape({6, 2});
  const double h = std::log(0.5), q = std::log(0.25), x = -INFINITY;
  const std::vector<std::vector<double>> flat = {
      {0, x, x, x},  // (0.4, 0.1): nearest (0, 0)
      {h, h, x, x},  // (1, 0): midway between (0, 0) and (2, 0)
      {q, q, q, q},  // (1, 1): all four at sqrt(2)
      {h, h, x, x},  // 1e-7 off the midpoint: within the 1e-6 tie tolerance
      {x, 0, x, x},  // 1e-3 off: (2, 0) alone
      {x, 0, x, x},  // (3.7, 0) on the plane: (2, 0)
  };
  const auto p = optimal_log_prior(cond, labels, OptimalConfig{}, false, 0);
  ASSERT_EQ(p.sizes(), (std::vector<int64_t>{6, 4}));
  for (int64_t b = 0; b < 6; ++b)
    for (int64_t k = 0; k < 4; ++k) EXPECT_DOUBLE_EQ(p[b][k].item<double>(), flat[b][k]) << b << ", " << k;
  // On a torus of side 4, (3.7, 0) is 0.3 from (0, 0) across the seam.
  const auto torus = optimal_log_prior(cond, labels, OptimalConfig{}, true, 4.0);
  EXPECT_DOUBLE_EQ(torus[5][0].item<double>(), 0.0);
  EXPECT_EQ(torus[5][1].item<double>(), x);
}

TEST(OptimalDenoiser, SamplersLandOnAnImageOfTheConditionsLabel) {
  const Schedule s = make_schedule(DiffusionConfig{});
  torch::manual_seed(3);
  // Four labels with two images each: images 2l and 2l + 1 have label l.
  auto images = (torch::rand({8, 1, 4, 4}) * 2 - 1);
  auto labels = torch::tensor({0.f, 0.f, 0.f, 0.f, 1.f, 0.f, 1.f, 0.f, 0.f, 1.f, 0.f, 1.f, 1.f, 1.f, 1.f, 1.f}).reshape({8, 2});
  const Denoiser den = make_optimal_denoiser(s, images, labels, OptimalConfig{}, false, 0);
  const std::vector<int64_t> label_of = {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3};
  auto cond = torch::empty({12, 2});
  for (int64_t i = 0; i < 12; ++i) cond[i] = labels[2 * label_of[i]];
  for (Sampler kind : {Sampler::Ddim, Sampler::Ddpm}) {
    SampleConfig c;
    c.sampler = kind;
    c.steps = 50;
    c.eta = 0.0;
    c.seed = 5;
    auto x = sample(s, den, cond, {1, 4, 4}, c).reshape({12, 16});
    auto flat = images.reshape({8, 16});
    for (int64_t i = 0; i < 12; ++i) {
      const int64_t l = label_of[i];
      const double own = std::min((x[i] - flat[2 * l]).abs().max().item<double>(),
                                  (x[i] - flat[2 * l + 1]).abs().max().item<double>());
      // At t = 0 the two candidates' logits differ by |x_j - x_k|^2 / (2 beta_0), thousands here, so
      // the posterior is one image; both samplers return that step's x0 estimate (DDIM: abar_prev = 1;
      // DDPM: posterior_mean_coef1[0] = 1, coef2[0] = 0). What remains is float32 rounding (~1e-6).
      EXPECT_LT(own, 1e-4) << (kind == Sampler::Ddim ? "ddim" : "ddpm") << " sample " << i;
    }
  }
}

TEST(OptimalDenoiser, BadShapesAreRejected) {
  const Schedule s = make_schedule(DiffusionConfig{});
  auto images = torch::zeros({3, 1, 2, 2});
  EXPECT_THROW(make_optimal_denoiser(s, images, torch::zeros({2, 2}), OptimalConfig{}, false, 0), std::invalid_argument);
  EXPECT_THROW(make_optimal_denoiser(s, torch::zeros({0, 1, 2, 2}), torch::zeros({0, 2}), OptimalConfig{}, false, 0),
               std::invalid_argument);
  EXPECT_THROW(make_optimal_denoiser(s, images, torch::zeros({3, 2}), OptimalConfig{}, true, 0), std::invalid_argument);
  const Denoiser den = make_optimal_denoiser(s, images, torch::zeros({3, 2}), OptimalConfig{}, false, 0);
  EXPECT_THROW(den(torch::zeros({2, 1, 3, 3}), torch::zeros({2}, torch::kLong), torch::zeros({2, 2})),
               std::invalid_argument);
  OptimalConfig bad;
  bad.bandwidth = 0;
  EXPECT_THROW(make_optimal_denoiser(s, images, torch::zeros({3, 2}), bad, false, 0), InputError);
}

}  // namespace
}  // namespace factorlab
