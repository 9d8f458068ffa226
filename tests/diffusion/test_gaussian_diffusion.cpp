// Tests for diffusion/gaussian_diffusion: q_sample statistics, sampler determinism, and the
// samplers with the exact optimal denoiser of a tiny dataset (no training needed).
#include <gtest/gtest.h>

#include <cmath>

#include "factorlab/diffusion/gaussian_diffusion.h"

#include "../support/optimal_reference.h"

using namespace factorlab;

using test_support::optimal_denoiser;

TEST(GaussianDiffusion, QSampleHasTheForwardMarginal) {
  const Schedule s = make_schedule(DiffusionConfig{});
  torch::manual_seed(0);
  const int64_t n = 200000;
  auto x0 = torch::full({n, 1, 1, 1}, 0.7);
  for (int t : {0, 250, 999}) {
    auto noise = torch::randn({n, 1, 1, 1});
    auto xt = q_sample(s, x0, torch::full({n}, t, torch::kLong), noise);
    const double mean = xt.mean().item<double>(), var = xt.var().item<double>();
    // Expected mean sqrt(abar) x0, variance 1 - abar; 5 standard errors.
    EXPECT_NEAR(mean, s.sqrt_alphas_cumprod[t] * 0.7, 5 * std::sqrt((1 - s.alphas_cumprod[t]) / n) + 1e-6) << t;
    EXPECT_NEAR(var, 1 - s.alphas_cumprod[t], 5 * (1 - s.alphas_cumprod[t]) * std::sqrt(2.0 / n) + 1e-9) << t;
  }
}

TEST(GaussianDiffusion, DdimTimestepsAreEvenAndDescending) {
  const Schedule s = make_schedule(DiffusionConfig{});
  SampleConfig c;
  c.steps = 50;
  auto ts = sampling_timesteps(s, c);
  ASSERT_EQ(ts.size(), 50u);
  EXPECT_EQ(ts.front(), 999);
  EXPECT_EQ(ts.back(), 0);
  for (std::size_t i = 1; i < ts.size(); ++i) EXPECT_LT(ts[i], ts[i - 1]);
  c.sampler = Sampler::Ddpm;
  EXPECT_EQ(sampling_timesteps(s, c).size(), 1000u);
}

TEST(GaussianDiffusion, SamplersRecoverTheDataWithTheOptimalDenoiser) {
  const Schedule s = make_schedule(DiffusionConfig{});
  // Four 3x3 "images" in [-1, 1].
  auto data = torch::tensor({-1.f, -1.f, 1.f, -1.f, 1.f, -1.f, 1.f, -1.f, -1.f,  //
                             1.f,  1.f,  1.f, -1.f, -1.f, -1.f, 1.f, 1.f, 1.f,   //
                             0.5f, -0.5f, 0.f, 0.f, 0.5f, -0.5f, -1.f, 0.f, 1.f,  //
                             -0.2f, 0.9f, -0.9f, 0.2f, 0.f, 0.3f, 0.7f, -0.7f, 0.1f})
                  .reshape({4, 9});
  const Denoiser den = optimal_denoiser(s, data);
  auto cond = torch::zeros({12, 2});
  for (Sampler kind : {Sampler::Ddim, Sampler::Ddpm}) {
    SampleConfig c;
    c.sampler = kind;
    c.steps = 50;
    c.eta = 0.0;
    c.seed = 3;
    auto x = sample(s, den, cond, {1, 3, 3}, c).reshape({12, 9});
    for (int64_t i = 0; i < 12; ++i) {
      const double err = (x[i].unsqueeze(0) - data).abs().amax(1).min().item<double>();
      EXPECT_LT(err, 0.02) << (kind == Sampler::Ddim ? "ddim" : "ddpm") << " sample " << i;
    }
  }
}

TEST(GaussianDiffusion, SameSeedSameSamplesAndDdimIsDeterministic) {
  const Schedule s = make_schedule(DiffusionConfig{});
  auto data = torch::randn({3, 4}).clamp(-1, 1);
  const Denoiser den = optimal_denoiser(s, data);
  auto cond = torch::zeros({5, 2});
  SampleConfig c;
  c.steps = 20;
  c.seed = 11;
  auto a = sample(s, den, cond, {1, 2, 2}, c), b = sample(s, den, cond, {1, 2, 2}, c);
  EXPECT_TRUE(torch::equal(a, b));
  c.seed = 12;
  EXPECT_FALSE(torch::equal(a, sample(s, den, cond, {1, 2, 2}, c)));
  // eta = 0: the only randomness is x_T, so a denoiser that ignores x gives a fixed trajectory map.
  c.eta = 1.0;
  c.seed = 11;
  auto stochastic = sample(s, den, cond, {1, 2, 2}, c);
  EXPECT_TRUE(torch::equal(stochastic, sample(s, den, cond, {1, 2, 2}, c)));  // seeded
}

TEST(GaussianDiffusion, EpsMseIsZeroForAPerfectDenoiser) {
  const Schedule s = make_schedule(DiffusionConfig{});
  auto x0 = torch::rand({6, 1, 4, 4}) * 2 - 1;
  auto noise = torch::randn({6, 1, 4, 4});
  auto t = torch::tensor({0, 10, 100, 500, 900, 999}, torch::kLong);
  Denoiser oracle = [&](const torch::Tensor&, const torch::Tensor&, const torch::Tensor&) { return noise; };
  EXPECT_LT(eps_mse(s, oracle, x0, torch::zeros({6, 2}), t, noise).abs().max().item<double>(), 1e-12);
  Denoiser zero = [&](const torch::Tensor& x, const torch::Tensor&, const torch::Tensor&) { return torch::zeros_like(x); };
  auto loss = eps_mse(s, zero, x0, torch::zeros({6, 2}), t, noise);
  EXPECT_TRUE(torch::allclose(loss, noise.pow(2).mean({1, 2, 3})));
}

TEST(GaussianDiffusion, ForegroundWeightedMseWeighsTheBumpAndReducesToThePlainMse) {
  const Schedule s = make_schedule(DiffusionConfig{});
  auto x0 = -torch::ones({2, 1, 4, 4});
  x0.index_put_({0, 0, 1, 2}, 1.0);  // one foreground pixel in image 0
  auto noise = torch::randn({2, 1, 4, 4});
  auto t = torch::tensor({10, 500}, torch::kLong);
  // The denoiser is wrong by 1 on exactly the foreground pixel of image 0 and on pixel (0, 0).
  auto err = torch::zeros({2, 1, 4, 4});
  err.index_put_({0, 0, 1, 2}, 1.0);
  err.index_put_({0, 0, 0, 0}, 1.0);
  Denoiser off = [&](const torch::Tensor&, const torch::Tensor&, const torch::Tensor&) { return noise + err; };
  const auto w = foreground_weights(x0, 9.0);
  EXPECT_FLOAT_EQ(w.index({0, 0, 1, 2}).item<float>(), 10.0f);
  EXPECT_FLOAT_EQ(w.index({0, 0, 0, 0}).item<float>(), 1.0f);
  const auto weighted = eps_mse(s, off, x0, torch::zeros({2, 2}), t, noise, w);
  EXPECT_NEAR(weighted[0].item<double>(), (10.0 + 1.0) / (10.0 + 15.0), 1e-6);  // sum(w e^2) / sum(w)
  EXPECT_NEAR(weighted[1].item<double>(), 0.0, 1e-6);
  // alpha = 0 is the plain mean.
  const auto plain = eps_mse(s, off, x0, torch::zeros({2, 2}), t, noise);
  EXPECT_TRUE(torch::allclose(eps_mse(s, off, x0, torch::zeros({2, 2}), t, noise, foreground_weights(x0, 0.0)), plain));
  EXPECT_NEAR(plain[0].item<double>(), 2.0 / 16.0, 1e-6);
}
