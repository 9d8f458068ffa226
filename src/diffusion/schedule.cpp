// factorlab/diffusion/schedule.cpp — see schedule.h.
#include "factorlab/diffusion/schedule.h"

#include <algorithm>
#include <cmath>

namespace factorlab {

void DiffusionConfig::validate() const {
  check_range("diffusion.T", T, 2, 100000);
  check_range("diffusion.beta_start", beta_start, 1e-8, 0.5);
  check_range("diffusion.beta_end", beta_end, beta_start, 0.999);
}

Schedule make_schedule(const DiffusionConfig& config) {
  config.validate();
  const int T = config.T;
  Schedule s;
  s.T = T;
  s.betas.resize(T);
  if (config.schedule == BetaSchedule::Linear) {
    for (int i = 0; i < T; ++i) s.betas[i] = config.beta_start + (config.beta_end - config.beta_start) * i / (T - 1);
  } else {
    auto f = [](double u) { return std::pow(std::cos((u + 0.008) / 1.008 * M_PI / 2), 2); };
    for (int i = 0; i < T; ++i) s.betas[i] = std::min(1.0 - f((i + 1.0) / T) / f(static_cast<double>(i) / T), 0.999);
  }
  s.alphas_cumprod.resize(T);
  double prod = 1.0;
  for (int i = 0; i < T; ++i) s.alphas_cumprod[i] = prod *= 1.0 - s.betas[i];
  s.alphas_cumprod_prev.assign(1, 1.0);
  s.alphas_cumprod_prev.insert(s.alphas_cumprod_prev.end(), s.alphas_cumprod.begin(), s.alphas_cumprod.end() - 1);
  for (int i = 0; i < T; ++i) {
    const double a = s.alphas_cumprod[i], ap = s.alphas_cumprod_prev[i], b = s.betas[i];
    s.sqrt_alphas_cumprod.push_back(std::sqrt(a));
    s.sqrt_one_minus_alphas_cumprod.push_back(std::sqrt(1.0 - a));
    s.sqrt_recip_alphas_cumprod.push_back(std::sqrt(1.0 / a));
    s.sqrt_recipm1_alphas_cumprod.push_back(std::sqrt(1.0 / a - 1.0));
    s.posterior_variance.push_back(b * (1.0 - ap) / (1.0 - a));
    s.posterior_mean_coef1.push_back(b * std::sqrt(ap) / (1.0 - a));
    s.posterior_mean_coef2.push_back((1.0 - ap) * std::sqrt(1.0 - b) / (1.0 - a));
  }
  // The posterior variance is 0 at t = 0; clip the log as improved-diffusion does.
  for (int i = 0; i < T; ++i)
    s.posterior_log_variance_clipped.push_back(std::log(i == 0 && T > 1 ? s.posterior_variance[1] : s.posterior_variance[i]));
  return s;
}

}  // namespace factorlab
