// factorlab/model/unet.h — the conditional UNet of the paper's Fig. 7 (docs/design.md 3).
// stem -> down1..3 (residual block [+ attention], 2x downsample) -> mid (res, attention, res)
// -> up1..3 (2x upsample, concat skip, residual block [+ attention]) -> out (norm, SiLU, conv).
// Conditioning: encodings of t, mu_x, mu_y (each cond_dim wide) concatenated, a 2-layer MLP, fed to
// every residual block. Predicts the noise eps.
// Blocks have stable names (stem, down1..3, mid, up1..3, out); forward() can hand any of their
// outputs to a Capture in the same pass that computes the prediction (no second forward).
#pragma once
#include <torch/torch.h>

#include <map>
#include <set>
#include <string>

#include "factorlab/model/blocks.h"
#include "factorlab/model/model_config.h"

namespace factorlab {

// The data geometry the model is built for.
struct ModelGeometry {
  int N = 16;               // image side
  double label_span = 16;   // pixels spanned by labels (N on a torus, N + 2 margin otherwise)
  bool periodic = false;
};

const std::vector<std::string>& block_names();  // stem, down1, down2, down3, mid, up1, up2, up3, out

// Requested block outputs; forward() fills `tensors` for every name in `names`.
struct Capture {
  std::set<std::string> names;
  std::map<std::string, torch::Tensor> tensors;
};

class UNetImpl : public torch::nn::Module {
 public:
  UNetImpl(const ModelConfig& config, const ModelGeometry& geometry);
  // x_t [B, 1, N, N], t [B] (timesteps, 0-based), cond [B, 2] (mu_x, mu_y) -> eps [B, 1, N, N]
  torch::Tensor forward(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& cond,
                        Capture* capture = nullptr);
  const ModelConfig& config() const { return config_; }
  const ModelGeometry& geometry() const { return geometry_; }
  int64_t parameter_count() const;
  // Multiply-adds of one forward pass for one image, counted over convolutions, linear layers and
  // attention matmuls (for GFLOP/s = 2 * macs * images / s).
  double forward_macs() const;

 private:
  torch::Tensor embed(const torch::Tensor& t, const torch::Tensor& cond);
  ModelConfig config_;
  ModelGeometry geometry_;
  torch::Tensor coords_;  // [coord channels, N, N] buffer
  torch::nn::Sequential cond_mlp_{nullptr};
  torch::nn::Conv2d stem_{nullptr}, out_conv_{nullptr};
  torch::nn::GroupNorm out_norm_{nullptr};
  ResBlock down_res_[3] = {nullptr, nullptr, nullptr};
  AttentionBlock down_attn_[3] = {nullptr, nullptr, nullptr};
  Downsample down_[3] = {nullptr, nullptr, nullptr};
  ResBlock mid_res1_{nullptr}, mid_res2_{nullptr};
  AttentionBlock mid_attn_{nullptr};
  Upsample up_[3] = {nullptr, nullptr, nullptr};
  ResBlock up_res_[3] = {nullptr, nullptr, nullptr};
  AttentionBlock up_attn_[3] = {nullptr, nullptr, nullptr};
};
TORCH_MODULE(UNet);

}  // namespace factorlab
