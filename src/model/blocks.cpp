// factorlab/model/blocks.cpp — see blocks.h.
#include "factorlab/model/blocks.h"

#include <cmath>

namespace factorlab {

torch::Tensor group_norm_f32(torch::nn::GroupNorm& norm, const torch::Tensor& x) {
  // LibTorch 1.13's CPU autocast does not list group_norm, so a bf16 activation meets fp32 weights;
  // normalise in fp32 (as autocast does on CUDA) and hand back the activation's dtype.
  if (x.scalar_type() == torch::kFloat32) return norm->forward(x);
  return norm->forward(x.to(torch::kFloat32)).to(x.scalar_type());
}

namespace {
torch::nn::Conv2d conv3x3(int in, int out, int stride = 1) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).stride(stride).padding(1));
}
}  // namespace

ResBlockImpl::ResBlockImpl(int in_ch, int out_ch, int emb_dim, int groups, double dropout, CondMode mode)
    : mode_(mode) {
  norm1_ = register_module("norm1", torch::nn::GroupNorm(torch::nn::GroupNormOptions(groups, in_ch)));
  conv1_ = register_module("conv1", conv3x3(in_ch, out_ch));
  const int emb_out = mode == CondMode::ScaleShift ? 2 * out_ch : out_ch;
  emb_proj_ = register_module("emb_proj", torch::nn::Linear(emb_dim, emb_out));
  norm2_ = register_module("norm2", torch::nn::GroupNorm(torch::nn::GroupNormOptions(groups, out_ch)));
  drop_ = register_module("drop", torch::nn::Dropout(dropout));
  conv2_ = register_module("conv2", conv3x3(out_ch, out_ch));
  // Zero-initialised last conv: each residual block starts as the identity (improved-diffusion's zero_module).
  torch::NoGradGuard no_grad;
  conv2_->weight.zero_();
  conv2_->bias.zero_();
  if (in_ch != out_ch) skip_ = register_module("skip", torch::nn::Conv2d(torch::nn::Conv2dOptions(in_ch, out_ch, 1)));
}

torch::Tensor ResBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& emb) {
  auto h = conv1_->forward(torch::silu(group_norm_f32(norm1_, x)));
  auto e = emb_proj_->forward(torch::silu(emb)).unsqueeze(-1).unsqueeze(-1);  // [B, emb_out, 1, 1]
  if (mode_ == CondMode::ScaleShift) {
    auto chunks = e.chunk(2, 1);
    h = group_norm_f32(norm2_, h) * (1 + chunks[0]) + chunks[1];
  } else {
    h = group_norm_f32(norm2_, h + e);
  }
  h = conv2_->forward(drop_->forward(torch::silu(h)));
  return (skip_ ? skip_->forward(x) : x) + h;
}

AttentionBlockImpl::AttentionBlockImpl(int channels, int heads, int groups) : heads_(heads) {
  norm_ = register_module("norm", torch::nn::GroupNorm(torch::nn::GroupNormOptions(groups, channels)));
  qkv_ = register_module("qkv", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, 3 * channels, 1)));
  proj_ = register_module("proj", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, channels, 1)));
  torch::NoGradGuard no_grad;
  proj_->weight.zero_();
  proj_->bias.zero_();
}

torch::Tensor AttentionBlockImpl::forward(const torch::Tensor& x) {
  const auto B = x.size(0), C = x.size(1), H = x.size(2), W = x.size(3);
  const int64_t d = C / heads_;
  auto qkv = qkv_->forward(group_norm_f32(norm_, x)).reshape({B * heads_, 3 * d, H * W});
  auto parts = qkv.chunk(3, 1);  // each [B*heads, d, HW]
  const double scale = 1.0 / std::sqrt(std::sqrt(static_cast<double>(d)));
  auto w = torch::bmm((parts[0] * scale).transpose(1, 2), parts[1] * scale);  // [B*heads, HW, HW]
  w = torch::softmax(w.to(torch::kFloat32), -1).to(w.scalar_type());
  auto a = torch::bmm(parts[2], w.transpose(1, 2)).reshape({B, C, H, W});
  return x + proj_->forward(a);
}

DownsampleImpl::DownsampleImpl(int channels) { conv_ = register_module("conv", conv3x3(channels, channels, 2)); }
torch::Tensor DownsampleImpl::forward(const torch::Tensor& x) { return conv_->forward(x); }

UpsampleImpl::UpsampleImpl(int channels) { conv_ = register_module("conv", conv3x3(channels, channels)); }
torch::Tensor UpsampleImpl::forward(const torch::Tensor& x, int64_t height, int64_t width) {
  auto up = torch::nn::functional::interpolate(
      x, torch::nn::functional::InterpolateFuncOptions().size(std::vector<int64_t>{height, width}).mode(torch::kNearest));
  return conv_->forward(up);
}

}  // namespace factorlab
