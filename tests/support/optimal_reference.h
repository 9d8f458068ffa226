// tests/support/optimal_reference.h — the Bayes-optimal noise prediction of a finite data set,
// written the plain way (one row at a time, full squared distances, a softmax per row): the
// reference for the samplers' tests and for the batched diffusion/optimal_denoiser.h.
// x0_hat = sum_k softmax_k(log_prior_k - |x_t - sqrt(abar) x_k|^2 / (2 (1 - abar))) x_k,
// eps = (x_t - sqrt(abar) x0_hat) / sqrt(1 - abar).
#pragma once
#include <torch/torch.h>

#include <functional>

#include "factorlab/diffusion/gaussian_diffusion.h"

namespace factorlab::test_support {

// Per-row log prior over the K data rows: row index, cond [2] -> [K] float64 (-inf: excluded).
using LogPrior = std::function<torch::Tensor(int64_t row, const torch::Tensor& cond)>;

// data [K, D]; x_t [B, ...] with B * D values. An empty log_prior is the uniform prior.
inline Denoiser optimal_denoiser(const Schedule& s, const torch::Tensor& data, LogPrior log_prior = {}) {
  return [&s, data, log_prior](const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& cond) {
    const auto B = x_t.size(0);
    auto x = x_t.reshape({B, -1}).to(torch::kFloat64);
    auto d = data.to(torch::kFloat64);
    auto tt = t.to(torch::kLong);
    std::vector<torch::Tensor> eps;
    for (int64_t i = 0; i < B; ++i) {
      const int ti = static_cast<int>(tt[i].item<int64_t>());
      const double sa = s.sqrt_alphas_cumprod[ti], s1 = s.sqrt_one_minus_alphas_cumprod[ti];
      auto dist = (x[i].unsqueeze(0) - sa * d).pow(2).sum(1);  // [K]
      auto logits = -dist / (2 * s1 * s1);
      if (log_prior) logits = logits + log_prior(i, cond[i]);
      auto w = torch::softmax(logits, 0);
      auto x0 = (w.unsqueeze(1) * d).sum(0);
      eps.push_back((x[i] - sa * x0) / s1);
    }
    return torch::stack(eps).reshape(x_t.sizes()).to(x_t.scalar_type());
  };
}

}  // namespace factorlab::test_support
