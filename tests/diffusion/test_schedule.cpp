// Tests for diffusion/schedule: closed-form identities of the forward process, in double.
#include <gtest/gtest.h>

#include <cmath>

#include "factorlab/diffusion/schedule.h"

using namespace factorlab;

TEST(Schedule, LinearBetasAndCumulativeProducts) {
  const Schedule s = make_schedule(DiffusionConfig{});
  ASSERT_EQ(s.T, 1000);
  EXPECT_DOUBLE_EQ(s.betas.front(), 1e-4);
  EXPECT_NEAR(s.betas.back(), 0.02, 1e-15);
  double prod = 1;
  for (int t = 0; t < s.T; ++t) {
    prod *= 1 - s.betas[t];
    ASSERT_NEAR(s.alphas_cumprod[t], prod, 1e-15);
    ASSERT_NEAR(s.sqrt_alphas_cumprod[t] * s.sqrt_alphas_cumprod[t] + s.sqrt_one_minus_alphas_cumprod[t] *
                    s.sqrt_one_minus_alphas_cumprod[t], 1.0, 1e-14);
  }
  EXPECT_DOUBLE_EQ(s.alphas_cumprod_prev[0], 1.0);
  EXPECT_LT(s.alphas_cumprod.back(), 1e-4);  // x_T is essentially pure noise (abar_T ~ 4e-5)
}

TEST(Schedule, PosteriorCoefficientsMatchTheirDefinitions) {
  for (BetaSchedule kind : {BetaSchedule::Linear, BetaSchedule::Cosine}) {
    DiffusionConfig c;
    c.schedule = kind;
    const Schedule s = make_schedule(c);
    for (int t = 1; t < s.T; ++t) {
      const double a = s.alphas_cumprod[t], ap = s.alphas_cumprod[t - 1], b = s.betas[t];
      // q(x_{t-1} | x_t, x_0): variance beta_t (1 - abar_{t-1}) / (1 - abar_t)
      ASSERT_NEAR(s.posterior_variance[t], b * (1 - ap) / (1 - a), 1e-15);
      // The posterior mean is exact for x_t = sqrt(abar_t) x_0 (no noise): mu = sqrt(abar_{t-1}) x_0
      // when combined with the forward step, i.e. coef1 + coef2 sqrt(abar_t) = sqrt(abar_{t-1}).
      ASSERT_NEAR(s.posterior_mean_coef1[t] + s.posterior_mean_coef2[t] * std::sqrt(a), std::sqrt(ap), 1e-12) << t;
      ASSERT_NEAR(s.sqrt_recip_alphas_cumprod[t] * s.sqrt_alphas_cumprod[t], 1.0, 1e-12);
      ASSERT_NEAR(s.sqrt_recipm1_alphas_cumprod[t], std::sqrt(1 / a - 1), 1e-12);
    }
    EXPECT_EQ(s.posterior_variance[0], 0.0);
    EXPECT_DOUBLE_EQ(s.posterior_log_variance_clipped[0], std::log(s.posterior_variance[1]));
  }
}

TEST(Schedule, CosineScheduleFollowsItsDefinition) {
  DiffusionConfig c;
  c.schedule = BetaSchedule::Cosine;
  const Schedule s = make_schedule(c);
  auto f = [](double u) { return std::pow(std::cos((u + 0.008) / 1.008 * M_PI / 2), 2); };
  for (int t : {0, 100, 500, 900})
    EXPECT_NEAR(s.alphas_cumprod[t], f((t + 1.0) / 1000) / f(0), 1e-9) << t;
  for (double b : s.betas) EXPECT_LE(b, 0.999);
}

TEST(Schedule, BadConfigsNameTheKey) {
  DiffusionConfig c;
  c.T = 1;
  EXPECT_THROW(make_schedule(c), InputError);
  c = DiffusionConfig{};
  c.beta_end = 1e-5;  // below beta_start
  try {
    make_schedule(c);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("diffusion.beta_end"), std::string::npos);
  }
}
