// factorlab/diffusion/gaussian_diffusion.h — q_sample, the epsilon-prediction loss, and the DDPM
// ancestral and DDIM samplers, all in terms of a denoiser (x_t, t, cond) -> eps.
// After improved-diffusion's GaussianDiffusion (q_sample, p_mean_variance, p_sample_loop,
// ddim_sample_loop) and Song et al. 2021 (DDIM, eta). The denoiser is an argument to every call,
// so this file never sees the network.
#pragma once
#include <torch/torch.h>

#include <functional>

#include "factorlab/core/config.h"
#include "factorlab/diffusion/sampling_config.h"  // Sampler, SampleConfig (torch-free)
#include "factorlab/diffusion/schedule.h"

namespace factorlab {

// x_t [B, C, H, W], t [B] int64, cond [B, 2] -> eps [B, C, H, W]
using Denoiser = std::function<torch::Tensor(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& cond)>;


// Value of a per-timestep schedule entry at t, shaped [B, 1, 1, 1] for broadcasting.
torch::Tensor extract(const std::vector<double>& values, const torch::Tensor& t, const torch::TensorOptions& opts);

// x_t = sqrt(abar_t) x_start + sqrt(1 - abar_t) noise
torch::Tensor q_sample(const Schedule& s, const torch::Tensor& x_start, const torch::Tensor& t, const torch::Tensor& noise);

// Per-example mean squared error of the predicted noise: [B]. t and noise drawn by the caller.
// With pixel_weights ([B, C, H, W], positive): the weighted mean sum(w e^2) / sum(w) per example.
torch::Tensor eps_mse(const Schedule& s, const Denoiser& denoiser, const torch::Tensor& x_start, const torch::Tensor& cond,
                      const torch::Tensor& t, const torch::Tensor& noise, const torch::Tensor& pixel_weights = {});

// Foreground pixel weights 1 + alpha (clamp(x_start, -1, 1) + 1) / 2: the background (-1) weighs 1,
// a pixel at the peak (+1) weighs 1 + alpha. For a dataset where each condition has exactly one
// image, x_start is a function of the condition, so weighting by it leaves the minimiser of the loss,
// E[eps | x_t, cond], unchanged; it only makes the few pixels that say *where* count more.
torch::Tensor foreground_weights(const torch::Tensor& x_start, double alpha);

// The timesteps a sampler visits, descending (all T for DDPM; `steps` evenly spaced for DDIM).
std::vector<int> sampling_timesteps(const Schedule& s, const SampleConfig& c);

// Generates one image per condition. cond [B, 2]; shape {C, H, W}; returns x_0 in [-1, 1]-ish
// [B, C, H, W] on cond's device. Noise comes from a CPU generator seeded with c.seed, so the same
// seed gives the same samples whatever the batch split.
torch::Tensor sample(const Schedule& s, const Denoiser& denoiser, const torch::Tensor& cond,
                     const std::vector<int64_t>& shape, const SampleConfig& c);

}  // namespace factorlab
