// factorlab/diffusion/optimal_denoiser.h — the exact empirical-optimal denoiser of a finite training
// set: a memorizing baseline that a trained network can be compared with.
// If the data distribution were exactly the K training images, with the prior pi_k(cond) over them
// given the condition (optimal_config.h), the Bayes-optimal estimate of x_start from x_t is
//     x0_hat(x_t, t, cond) = sum_k w_k x_k,
//     log w_k = log pi_k(cond) - |x_t - sqrt(abar_t) x_k|^2 / (2 (1 - abar_t)) + const,
// normalized over k, and the noise prediction is eps = (x_t - sqrt(abar_t) x0_hat) / sqrt(1 - abar_t).
// With the nearest kernel, on the training conditions this is the minimiser of the epsilon-prediction
// loss (gaussian_diffusion.h eps_mse) over the training set, E[eps | x_t, cond]: a network that drove
// its training loss to the minimum would be this function there.
//
// What it can do: sampled exactly (DDIM with eta 0, or DDPM to t = 0) it returns a training image:
// the posterior collapses onto one x_k as t -> 0 (at t = 0, 1 - abar = beta_0). With the nearest
// kernel a training condition gets one of its own label's images and an unseen condition one of its
// nearest training label's images, so it never composes a new image: its OOD accuracy measures how
// far the held-out conditions lie from the training labels, and its OOD samples are copies by
// construction (eval/novelty.h). The gaussian kernel blends the images of nearby labels along the
// trajectory but still ends on a training image.
//
// Computation: batched, each row with its own t; the |x_t|^2 term is the same for every k and cancels
// in the normalization, so the logits are one matmul (x_t . x_k) plus precomputed |x_k|^2, and
// x0_hat a second. With the nearest kernel and nearest sets of at most 64 images (one per label in
// the usual datasets) only those images are gathered, so a call costs O(B S D) instead of O(B K D).
// The prior and the gathered images depend only on cond: they are kept from the previous call and
// reused while cond is the same (a sampler's steps), recomputed when it changes.
// Logits, the log-sum-exp and x0_hat are float64: at t = 0 the logits are divided by
// 2 beta_0 = 2e-4, where float32 dot products of a 1024-pixel image would be off by O(1).
// Deliberately not here: which images and labels (sample/dataset_denoiser.h builds them from a
// Dataset), and any approximation (nearest neighbours, a subset of k).
#pragma once
#include <torch/torch.h>

#include "factorlab/diffusion/gaussian_diffusion.h"
#include "factorlab/diffusion/optimal_config.h"
#include "factorlab/diffusion/schedule.h"

namespace factorlab {

// The normalized log prior log pi_k(cond) of optimal_config.h: [B, K] float64 on labels' device
// (-inf outside the nearest set for the nearest kernel). cond [B, 2], labels [K, 2]; d uses the
// minimum image with this period when periodic.
torch::Tensor optimal_log_prior(const torch::Tensor& cond, const torch::Tensor& labels, const OptimalConfig& config,
                                bool periodic, double period);

// train_images [K, C, H, W] in the network's [-1, 1] scale, train_labels [K, 2] (mu_x, mu_y); the
// computation runs on train_images' device, and eps comes back on x_t's device in x_t's dtype.
// period: the torus side (N) when periodic, ignored otherwise. The schedule is copied.
// std::invalid_argument on bad shapes (no image, labels not [K, 2], x_t of another size).
Denoiser make_optimal_denoiser(const Schedule& s, torch::Tensor train_images, torch::Tensor train_labels,
                               const OptimalConfig& config, bool periodic, double period);

}  // namespace factorlab
