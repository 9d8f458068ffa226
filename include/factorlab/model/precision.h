// factorlab/model/precision.h — the two CPU speed levers shared by training, sampling and the
// benchmark: a scoped bfloat16 autocast (CPU AMX) and conversion of conv weights to channels-last.
#pragma once
#include <ATen/autocast_mode.h>
#include <torch/torch.h>

namespace factorlab {

// Enables bf16 autocast on CPU for its lifetime when `enable` is true.
class Bf16Autocast {
 public:
  explicit Bf16Autocast(bool enable) : on_(enable) {
    if (on_) {
      at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
      at::autocast::set_cpu_enabled(true);
    }
  }
  ~Bf16Autocast() {
    if (on_) {
      at::autocast::set_cpu_enabled(false);
      at::autocast::clear_cache();
    }
  }
  Bf16Autocast(const Bf16Autocast&) = delete;
  Bf16Autocast& operator=(const Bf16Autocast&) = delete;

 private:
  bool on_;
};

// Stores every 4D parameter (conv weights) channels-last.
inline void to_channels_last(torch::nn::Module& m) {
  torch::NoGradGuard g;
  for (auto& p : m.parameters())
    if (p.dim() == 4) p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
}

}  // namespace factorlab
