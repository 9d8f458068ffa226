// factorlab/model/blocks.h — the UNet's building blocks: a conditioned residual block, spatial
// self-attention, 2x down- and upsampling. After improved-diffusion's unet.py (ResBlock,
// AttentionBlock, Downsample, Upsample), written with LibTorch's C++ modules.
// Deliberately not here: how blocks are wired (unet.h) and anything about diffusion.
#pragma once
#include <torch/torch.h>

#include "factorlab/model/model_config.h"

namespace factorlab {

// GroupNorm computed in fp32 whatever the activation's dtype (bf16 autocast on CPU).
torch::Tensor group_norm_f32(torch::nn::GroupNorm& norm, const torch::Tensor& x);

// GroupNorm -> SiLU -> conv3x3 -> condition -> GroupNorm -> SiLU -> dropout -> conv3x3, plus a skip.
// The condition enters as a per-channel bias (Add) or as scale and shift of the second norm (ScaleShift).
class ResBlockImpl : public torch::nn::Module {
 public:
  ResBlockImpl(int in_ch, int out_ch, int emb_dim, int groups, double dropout, CondMode mode);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& emb);  // x [B, in, H, W], emb [B, E] -> [B, out, H, W]

 private:
  CondMode mode_;
  torch::nn::GroupNorm norm1_{nullptr}, norm2_{nullptr};
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr}, skip_{nullptr};
  torch::nn::Linear emb_proj_{nullptr};
  torch::nn::Dropout drop_{nullptr};
};
TORCH_MODULE(ResBlock);

// Multi-head self-attention over the H x W positions, with a residual connection.
class AttentionBlockImpl : public torch::nn::Module {
 public:
  AttentionBlockImpl(int channels, int heads, int groups);
  torch::Tensor forward(const torch::Tensor& x);  // [B, C, H, W] -> same

 private:
  int heads_;
  torch::nn::GroupNorm norm_{nullptr};
  torch::nn::Conv2d qkv_{nullptr}, proj_{nullptr};
};
TORCH_MODULE(AttentionBlock);

// Stride-2 3x3 convolution: [B, C, H, W] -> [B, C, ceil(H/2), ceil(W/2)].
class DownsampleImpl : public torch::nn::Module {
 public:
  explicit DownsampleImpl(int channels);
  torch::Tensor forward(const torch::Tensor& x);
  const torch::nn::Conv2d& conv() const { return conv_; }

 private:
  torch::nn::Conv2d conv_{nullptr};
};
TORCH_MODULE(Downsample);

// Nearest-neighbour 2x upsampling to a given size, then a 3x3 convolution.
class UpsampleImpl : public torch::nn::Module {
 public:
  explicit UpsampleImpl(int channels);
  torch::Tensor forward(const torch::Tensor& x, int64_t height, int64_t width);
  const torch::nn::Conv2d& conv() const { return conv_; }

 private:
  torch::nn::Conv2d conv_{nullptr};
};
TORCH_MODULE(Upsample);

}  // namespace factorlab
