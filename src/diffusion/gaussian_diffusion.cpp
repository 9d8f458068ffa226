// factorlab/diffusion/gaussian_diffusion.cpp — see gaussian_diffusion.h.
#include "factorlab/diffusion/gaussian_diffusion.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

namespace factorlab {

torch::Tensor extract(const std::vector<double>& values, const torch::Tensor& t, const torch::TensorOptions& opts) {
  auto table = torch::tensor(std::vector<double>(values.begin(), values.end()), torch::dtype(torch::kFloat64));
  return table.index_select(0, t.to(torch::kCPU).to(torch::kLong)).to(opts).view({-1, 1, 1, 1});
}

torch::Tensor q_sample(const Schedule& s, const torch::Tensor& x_start, const torch::Tensor& t, const torch::Tensor& noise) {
  const auto opts = x_start.options();
  return extract(s.sqrt_alphas_cumprod, t, opts) * x_start + extract(s.sqrt_one_minus_alphas_cumprod, t, opts) * noise;
}

torch::Tensor eps_mse(const Schedule& s, const Denoiser& denoiser, const torch::Tensor& x_start, const torch::Tensor& cond,
                      const torch::Tensor& t, const torch::Tensor& noise, const torch::Tensor& pixel_weights) {
  auto x_t = q_sample(s, x_start, t, noise);
  auto eps = denoiser(x_t, t, cond);
  auto err = (eps.to(torch::kFloat32) - noise.to(torch::kFloat32)).pow(2);
  if (!pixel_weights.defined()) return err.mean({1, 2, 3});
  auto w = pixel_weights.to(torch::kFloat32);
  return (w * err).sum({1, 2, 3}) / w.sum({1, 2, 3});
}

torch::Tensor foreground_weights(const torch::Tensor& x_start, double alpha) {
  return 1.0 + alpha * (x_start.to(torch::kFloat32).clamp(-1.0, 1.0) + 1.0) * 0.5;
}

std::vector<int> sampling_timesteps(const Schedule& s, const SampleConfig& c) {
  std::vector<int> ts;
  if (c.sampler == Sampler::Ddpm) {
    for (int t = s.T - 1; t >= 0; --t) ts.push_back(t);
    return ts;
  }
  const int k = std::min(c.steps, s.T);
  for (int i = k - 1; i >= 0; --i)
    ts.push_back(k > 1 ? static_cast<int>(std::lround(static_cast<double>(i) * (s.T - 1) / (k - 1))) : s.T - 1);
  return ts;
}

namespace {
torch::Tensor randn_cpu(const std::vector<int64_t>& shape, at::Generator& gen) {
  return at::randn(shape, gen, torch::dtype(torch::kFloat32));
}
}  // namespace

torch::Tensor sample(const Schedule& s, const Denoiser& denoiser, const torch::Tensor& cond,
                     const std::vector<int64_t>& shape, const SampleConfig& c) {
  c.validate("sample", s.T);
  torch::NoGradGuard no_grad;
  const auto device = cond.device();
  const auto ts = sampling_timesteps(s, c);
  const int64_t B = cond.size(0);
  std::vector<torch::Tensor> outputs;
  for (int64_t start = 0, chunk = 0; start < B; start += c.batch_size, ++chunk) {
    const int64_t b = std::min<int64_t>(c.batch_size, B - start);
    auto cb = cond.slice(0, start, start + b);
    at::Generator gen = at::detail::createCPUGenerator(static_cast<uint64_t>(c.seed) * 1000003ull + static_cast<uint64_t>(chunk));
    std::vector<int64_t> full{b};
    full.insert(full.end(), shape.begin(), shape.end());
    auto x = randn_cpu(full, gen).to(device);
    for (std::size_t i = 0; i < ts.size(); ++i) {
      const int t = ts[i];
      auto tt = torch::full({b}, t, torch::dtype(torch::kLong).device(device));
      auto eps = denoiser(x, tt, cb).to(torch::kFloat32);
      auto x0 = x * s.sqrt_recip_alphas_cumprod[t] - eps * s.sqrt_recipm1_alphas_cumprod[t];
      if (c.clip_x0) x0 = x0.clamp(-1.0, 1.0);
      const bool last = i + 1 == ts.size();
      if (c.sampler == Sampler::Ddpm) {
        x = x0 * s.posterior_mean_coef1[t] + x * s.posterior_mean_coef2[t];
        if (t > 0) x = x + std::exp(0.5 * s.posterior_log_variance_clipped[t]) * randn_cpu(full, gen).to(device);
      } else {
        const double abar = s.alphas_cumprod[t];
        const double abar_prev = last ? 1.0 : s.alphas_cumprod[ts[i + 1]];
        // The noise implied by the (clipped) x0, as improved-diffusion's ddim_sample.
        auto eps_hat = (x * s.sqrt_recip_alphas_cumprod[t] - x0) / s.sqrt_recipm1_alphas_cumprod[t];
        const double sigma = c.eta * std::sqrt((1 - abar_prev) / (1 - abar)) * std::sqrt(1 - abar / abar_prev);
        x = x0 * std::sqrt(abar_prev) + eps_hat * std::sqrt(std::max(0.0, 1 - abar_prev - sigma * sigma));
        if (sigma > 0 && !last) x = x + sigma * randn_cpu(full, gen).to(device);
      }
    }
    outputs.push_back(x);
  }
  return torch::cat(outputs, 0);
}

}  // namespace factorlab
