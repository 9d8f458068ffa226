// factorlab/model/unet.cpp — see unet.h.
#include "factorlab/model/unet.h"

#include <algorithm>

#include "factorlab/model/encoding.h"

namespace factorlab {

const std::vector<std::string>& block_names() {
  static const std::vector<std::string> names{"stem", "down1", "down2", "down3", "mid", "up1", "up2", "up3", "out"};
  return names;
}

namespace {
bool has_level(const ModelConfig& c, int level) {
  return std::find(c.attention_levels.begin(), c.attention_levels.end(), level) != c.attention_levels.end();
}
}  // namespace

UNetImpl::UNetImpl(const ModelConfig& config, const ModelGeometry& geometry) : config_(config), geometry_(geometry) {
  config_.validate();
  const int C0 = config.base_width, E = 4 * config.base_width, D = config.cond_dim;
  const int in_ch = 1 + 4 * config.coord_channels;
  coords_ = register_buffer("coords", config.coord_channels > 0 ? coordinate_channels(geometry.N, config.coord_channels)
                                                                : torch::zeros({0, geometry.N, geometry.N}));
  cond_mlp_ = register_module("cond_mlp", torch::nn::Sequential(torch::nn::Linear(3 * D, E), torch::nn::SiLU(),
                                                                torch::nn::Linear(E, E)));
  stem_ = register_module("stem", torch::nn::Conv2d(torch::nn::Conv2dOptions(in_ch, C0, 3).padding(1)));
  int prev = C0;
  for (int l = 1; l <= 3; ++l) {
    const int ch = config.channels(l);
    const std::string s = std::to_string(l);
    down_res_[l - 1] = register_module("down" + s + "_res",
                                       ResBlock(prev, ch, E, config.groups, config.dropout, config.cond_mode));
    if (has_level(config, l)) down_attn_[l - 1] = register_module("down" + s + "_attn", AttentionBlock(ch, config.heads, config.groups));
    down_[l - 1] = register_module("down" + s + "_sample", Downsample(ch));
    prev = ch;
  }
  mid_res1_ = register_module("mid_res1", ResBlock(prev, prev, E, config.groups, config.dropout, config.cond_mode));
  if (config.mid_attention) mid_attn_ = register_module("mid_attn", AttentionBlock(prev, config.heads, config.groups));
  mid_res2_ = register_module("mid_res2", ResBlock(prev, prev, E, config.groups, config.dropout, config.cond_mode));
  for (int l = 3; l >= 1; --l) {
    const int ch = config.channels(l);
    const std::string s = std::to_string(l);
    up_[l - 1] = register_module("up" + s + "_sample", Upsample(prev));
    up_res_[l - 1] = register_module("up" + s + "_res", ResBlock(prev + ch, ch, E, config.groups, config.dropout, config.cond_mode));
    if (has_level(config, l)) up_attn_[l - 1] = register_module("up" + s + "_attn", AttentionBlock(ch, config.heads, config.groups));
    prev = ch;
  }
  out_norm_ = register_module("out_norm", torch::nn::GroupNorm(torch::nn::GroupNormOptions(config.groups, prev)));
  out_conv_ = register_module("out_conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(prev, 1, 3).padding(1)));
  torch::NoGradGuard no_grad;
  out_conv_->weight.zero_();
  out_conv_->bias.zero_();
}

torch::Tensor UNetImpl::embed(const torch::Tensor& t, const torch::Tensor& cond) {
  const int D = config_.cond_dim;
  auto et = timestep_encoding(t, D);
  auto ex = label_encoding(cond.select(1, 0), D, config_.label_encoding, geometry_.label_span, geometry_.periodic);
  auto ey = label_encoding(cond.select(1, 1), D, config_.label_encoding, geometry_.label_span, geometry_.periodic);
  return cond_mlp_->forward(torch::cat({et, ex, ey}, 1));  // [B, E]
}

torch::Tensor UNetImpl::forward(const torch::Tensor& x_t, const torch::Tensor& t, const torch::Tensor& cond,
                                Capture* capture) {
  auto keep = [&](const char* name, const torch::Tensor& h) {
    if (capture && capture->names.count(name)) capture->tensors[name] = h;
  };
  auto emb = embed(t, cond).to(x_t.scalar_type());
  torch::Tensor x = x_t;
  if (config_.coord_channels > 0) {
    auto c = coords_.to(x_t.scalar_type()).unsqueeze(0).expand({x_t.size(0), -1, -1, -1});
    x = torch::cat({x_t, c}, 1).contiguous(x_t.suggest_memory_format());
  }
  auto h = stem_->forward(x);
  keep("stem", h);
  torch::Tensor skips[3];
  const char* down_names[3] = {"down1", "down2", "down3"};
  for (int l = 0; l < 3; ++l) {
    h = down_res_[l]->forward(h, emb);
    if (down_attn_[l]) h = down_attn_[l]->forward(h);
    skips[l] = h;
    keep(down_names[l], h);
    h = down_[l]->forward(h);
  }
  h = mid_res1_->forward(h, emb);
  if (mid_attn_) h = mid_attn_->forward(h);
  h = mid_res2_->forward(h, emb);
  keep("mid", h);
  const char* up_names[3] = {"up1", "up2", "up3"};
  for (int l = 2; l >= 0; --l) {
    h = up_[l]->forward(h, skips[l].size(2), skips[l].size(3));
    h = up_res_[l]->forward(torch::cat({h, skips[l]}, 1), emb);
    if (up_attn_[l]) h = up_attn_[l]->forward(h);
    keep(up_names[l], h);
  }
  auto out = out_conv_->forward(torch::silu(group_norm_f32(out_norm_, h)));
  keep("out", out);
  return out;
}

int64_t UNetImpl::parameter_count() const {
  int64_t n = 0;
  for (const auto& p : parameters()) n += p.numel();
  return n;
}

double UNetImpl::forward_macs() const {
  // Convolutions dominate: count each conv's weight numel x output pixels; attention adds 2 HW^2 C.
  double macs = 0;
  const int N = geometry_.N;
  int side[4] = {N, (N + 1) / 2, 0, 0};
  side[2] = (side[1] + 1) / 2;
  side[3] = (side[2] + 1) / 2;
  auto conv = [](const torch::nn::Conv2d& c, int out_side) {
    return c ? static_cast<double>(c->weight.numel()) * out_side * out_side : 0.0;
  };
  auto res = [&](const ResBlock& r, int s) {
    double m = 0;
    for (const auto& kv : r->named_modules("", false)) {
      if (auto* c = kv.value()->as<torch::nn::Conv2dImpl>()) m += static_cast<double>(c->weight.numel()) * s * s;
    }
    return m;
  };
  auto attn = [&](const AttentionBlock& a, int s, int ch) {
    if (!a) return 0.0;
    const double hw = static_cast<double>(s) * s;
    return 4.0 * ch * ch * hw + 2.0 * hw * hw * ch;  // qkv + proj 1x1 convs, and two attention matmuls
  };
  macs += conv(stem_, N);
  for (int l = 0; l < 3; ++l) {
    macs += res(down_res_[l], side[l]) + attn(down_attn_[l], side[l], config_.channels(l + 1));
    macs += conv(down_[l]->conv(), side[l + 1]);
    macs += res(up_res_[l], side[l]) + attn(up_attn_[l], side[l], config_.channels(l + 1));
    macs += conv(up_[l]->conv(), side[l]);
  }
  macs += res(mid_res1_, side[3]) + res(mid_res2_, side[3]) + attn(mid_attn_, side[3], config_.channels(3));
  macs += conv(out_conv_, N);
  return macs;
}

}  // namespace factorlab
