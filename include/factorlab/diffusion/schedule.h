// factorlab/diffusion/schedule.h — the forward process of a DDPM (Ho et al. 2020) and its
// posterior, computed in double: betas, alphas_cumprod, and the coefficients the samplers use.
// Names follow improved-diffusion's gaussian_diffusion.py; t counts from 0 (t = 0 is the first
// noising step). The cosine schedule is Nichol & Dhariwal 2021 (s = 0.008, betas clipped at 0.999).
// Deliberately not here: any network. The samplers and the loss take a denoiser.
#pragma once
#include <string>
#include <vector>

#include "factorlab/core/config.h"

namespace factorlab {

enum class BetaSchedule { Linear, Cosine };
inline const EnumNames<BetaSchedule> kBetaScheduleNames = {{"linear", BetaSchedule::Linear},
                                                            {"cosine", BetaSchedule::Cosine}};

struct DiffusionConfig {
  int T = 1000;
  BetaSchedule schedule = BetaSchedule::Linear;
  double beta_start = 1e-4;
  double beta_end = 0.02;

  template <class V> void visit(V& v) {
    v("T", T);
    v("schedule", schedule, kBetaScheduleNames);
    v("beta_start", beta_start);
    v("beta_end", beta_end);
  }
  void validate() const;
};

struct Schedule {
  int T = 0;
  std::vector<double> betas, alphas_cumprod, alphas_cumprod_prev;
  std::vector<double> sqrt_alphas_cumprod, sqrt_one_minus_alphas_cumprod;
  std::vector<double> sqrt_recip_alphas_cumprod, sqrt_recipm1_alphas_cumprod;
  std::vector<double> posterior_variance, posterior_log_variance_clipped;
  std::vector<double> posterior_mean_coef1, posterior_mean_coef2;
};

Schedule make_schedule(const DiffusionConfig& config);

}  // namespace factorlab
