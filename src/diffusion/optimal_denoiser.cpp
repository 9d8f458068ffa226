// factorlab/diffusion/optimal_denoiser.cpp — see optimal_denoiser.h.
#include "factorlab/diffusion/optimal_denoiser.h"

#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace factorlab {

namespace {

// Labels within this distance (pixels) of the nearest one share the nearest kernel's prior.
constexpr double kTieTolerance = 1e-6;
// The nearest kernel gathers each row's nearest set when no set is larger than this (usually one
// image per label); beyond it, the dense matmul over all K is cheaper than the gathered copies.
constexpr int64_t kGatherMax = 64;

std::string shape_text(const torch::Tensor& t) {
  std::string s = "[";
  for (int64_t i = 0; i < t.dim(); ++i) s += (i ? ", " : "") + std::to_string(t.size(i));
  return s + "]";
}

struct Prior {
  torch::Tensor log_prior;  // [B, K]
  int64_t max_set = 0;      // nearest kernel: the largest nearest set of a row; gaussian: K
};

Prior label_prior(const torch::Tensor& cond, const torch::Tensor& labels, const OptimalConfig& config, bool periodic,
                  double period) {
  if (cond.dim() != 2 || cond.size(1) != 2 || labels.dim() != 2 || labels.size(1) != 2)
    throw std::invalid_argument("optimal_log_prior: cond " + shape_text(cond) + " and labels " + shape_text(labels) +
                                " must be [B, 2] and [K, 2]");
  if (periodic && !(period > 0)) throw std::invalid_argument("optimal_log_prior: periodic needs a positive period");
  const auto f64 = torch::TensorOptions().dtype(torch::kFloat64).device(labels.device());
  const auto c = cond.to(f64), l = labels.to(f64);
  // Squared distances [B, K], one axis at a time, in place (no [B, K, 2] temporaries).
  torch::Tensor d2;
  for (int64_t axis = 0; axis < 2; ++axis) {
    auto d = c.select(1, axis).unsqueeze(1) - l.select(1, axis).unsqueeze(0);  // [B, K]
    if (periodic) d.sub_(torch::round(d * (1.0 / period)).mul_(period));     // minimum image
    d2 = axis == 0 ? d.mul_(d) : d2.addcmul_(d, d);
  }
  if (config.label_kernel == LabelKernel::Gaussian)
    return {torch::log_softmax(d2.mul_(-1.0 / (2 * config.bandwidth * config.bandwidth)), 1), labels.size(0)};
  // Within kTieTolerance of the nearest distance, compared on squares (no sqrt over [B, K]).
  const auto reach = (d2.amin(1, true).sqrt() + kTieTolerance).pow(2);  // [B, 1]
  const auto nearest = d2 <= reach;                                      // [B, K], at least one per row
  const auto count = nearest.sum(1, true);                               // [B, 1]
  return {torch::where(nearest, -count.to(f64).log(), torch::full({}, -std::numeric_limits<double>::infinity(), f64)),
          count.max().item<int64_t>()};
}

// What depends only on the conditions of a batch, kept between calls: a sampler asks with the same
// cond at every one of its steps, so the prior (and for the gather path the gathered images) is
// computed once per batch instead of once per step. Reused only when cond is equal value for value.
struct BatchCache {
  std::mutex mutex;
  torch::Tensor cond;     // float64 copy of the last batch's conditions ([B, 2]); undefined at first
  Prior prior;
  bool gathered = false;  // the gather path below applies (its three tensors are set)
  torch::Tensor lp;       // [B, S] log prior of each row's nearest set, -inf past its end
  torch::Tensor chosen;   // [B, S, D] those images
  torch::Tensor half;     // [B, S] their |x_k|^2 / 2
};

}  // namespace

torch::Tensor optimal_log_prior(const torch::Tensor& cond, const torch::Tensor& labels, const OptimalConfig& config,
                                bool periodic, double period) {
  return label_prior(cond, labels, config, periodic, period).log_prior;
}

Denoiser make_optimal_denoiser(const Schedule& s, torch::Tensor train_images, torch::Tensor train_labels,
                               const OptimalConfig& config, bool periodic, double period) {
  config.validate();
  if (train_images.dim() < 2 || train_images.size(0) < 1)
    throw std::invalid_argument("make_optimal_denoiser: train_images " + shape_text(train_images) +
                                " must be [K, C, H, W] with K >= 1");
  const int64_t K = train_images.size(0);
  if (train_labels.dim() != 2 || train_labels.size(0) != K || train_labels.size(1) != 2)
    throw std::invalid_argument("make_optimal_denoiser: train_labels " + shape_text(train_labels) + " must be [" +
                                std::to_string(K) + ", 2]");
  if (periodic && !(period > 0)) throw std::invalid_argument("make_optimal_denoiser: periodic needs a positive period");
  torch::NoGradGuard no_grad;
  const auto f64 = torch::TensorOptions().dtype(torch::kFloat64).device(train_images.device());
  const auto images = train_images.reshape({K, -1}).to(f64).contiguous();  // [K, D]
  const int64_t D = images.size(1);
  const auto half_sq_norms = (0.5 * images.pow(2).sum(1)).unsqueeze(0);  // [1, K]
  const auto labels = train_labels.to(f64).contiguous();                  // [K, 2]
  std::vector<double> one_minus(s.alphas_cumprod.size());
  for (std::size_t i = 0; i < one_minus.size(); ++i) one_minus[i] = 1.0 - s.alphas_cumprod[i];
  const auto sqrt_abar = torch::tensor(s.sqrt_alphas_cumprod, torch::dtype(torch::kFloat64)).to(f64.device());  // [T]
  const auto var = torch::tensor(one_minus, torch::dtype(torch::kFloat64)).to(f64.device());                   // [T]
  const auto cache = std::make_shared<BatchCache>();  // shared by the copies of the returned function

  return [=](const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& cond) {
    torch::NoGradGuard guard;
    const int64_t B = x_t.size(0);
    if (B == 0 || x_t.numel() != B * D || t.numel() != B || cond.dim() != 2 || cond.size(0) != B)
      throw std::invalid_argument("optimal denoiser: x_t " + shape_text(x_t) + ", t " + shape_text(t) + ", cond " +
                                  shape_text(cond) + " do not fit training images of " + std::to_string(D) + " values");
    const auto x = x_t.reshape({B, D}).to(f64);                  // [B, D]
    const auto tt = t.reshape({B}).to(f64.device()).to(torch::kLong);
    const auto a = sqrt_abar.index_select(0, tt).unsqueeze(1);   // [B, 1]
    const auto v = var.index_select(0, tt).unsqueeze(1);         // [B, 1]
    // The batch's prior and nearest sets: from the cache when the conditions did not change.
    std::unique_lock<std::mutex> lock(cache->mutex);
    const auto c = cond.to(f64);
    if (!cache->cond.defined() || !cache->cond.sizes().equals(c.sizes()) || !torch::equal(cache->cond, c)) {
      cache->cond = c.clone();
      cache->prior = label_prior(c, labels, config, periodic, period);
      const int64_t S = cache->prior.max_set;
      cache->gathered = S <= kGatherMax && S < K;
      if (cache->gathered) {
        // Only the S images of each row's nearest set have weight: gather them instead of
        // multiplying by all K (the same sums without the exp(-inf) = 0 terms).
        const auto top = cache->prior.log_prior.topk(S, 1);
        const auto idx = std::get<1>(top).reshape({-1});                          // [B * S]
        cache->lp = std::get<0>(top);                                             // [B, S]
        cache->chosen = images.index_select(0, idx).view({B, S, D});              // [B, S, D]
        cache->half = half_sq_norms.squeeze(0).index_select(0, idx).view({B, S});
      }
    }
    torch::Tensor x0;  // [B, D]
    if (cache->gathered) {
      const auto dots = torch::bmm(cache->chosen, x.unsqueeze(2)).squeeze(2);  // [B, S]
      const auto w = torch::softmax(cache->lp + (a * dots - a * a * cache->half) / v, 1);
      x0 = torch::bmm(w.unsqueeze(1), cache->chosen).squeeze(1);
    } else {
      // -|x - a x_k|^2 / (2 v) up to the per-row constant -|x|^2 / (2 v).
      const auto logits = cache->prior.log_prior + (a * torch::mm(x, images.t()) - a * a * half_sq_norms) / v;  // [B, K]
      x0 = torch::mm(torch::softmax(logits, 1), images);
    }
    lock.unlock();
    const auto eps = (x - a * x0) / v.sqrt();
    return eps.reshape(x_t.sizes()).to(x_t.options());
  };
}

}  // namespace factorlab
