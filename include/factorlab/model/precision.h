// factorlab/model/precision.h — the speed levers shared by training, sampling and the benchmark: a
// scoped bfloat16 autocast on the device the model runs on (CPU: AMX / AVX-512 BF16; CUDA: tensor
// cores), and conversion of conv weights to channels-last.
// One header owns the autocast calls because LibTorch changed them: 1.13 (Debian 12) has one pair
// per device kind (set_cpu_enabled / set_autocast_cpu_dtype, set_enabled / set_autocast_gpu_dtype
// for CUDA), 2.4 and later take the device type (set_autocast_enabled / set_autocast_dtype) and
// deprecate the old pair. Nesting and the cast cache follow torch.autocast: the cache is cleared when
// the outermost scope ends, and each scope restores the state it found.
#pragma once
#include <ATen/autocast_mode.h>
#include <torch/torch.h>
#include <torch/version.h>

#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
#define FACTORLAB_AUTOCAST_BY_DEVICE_TYPE 1
#else
#define FACTORLAB_AUTOCAST_BY_DEVICE_TYPE 0
#endif

namespace factorlab {

// Whether autocast is on for `device` (kCPU or kCUDA) and the dtype it casts to.
inline bool autocast_enabled(c10::DeviceType device) {
#if FACTORLAB_AUTOCAST_BY_DEVICE_TYPE
  return at::autocast::is_autocast_enabled(device);
#else
  return device == c10::DeviceType::CUDA ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
#endif
}
inline at::ScalarType autocast_dtype(c10::DeviceType device) {
#if FACTORLAB_AUTOCAST_BY_DEVICE_TYPE
  return at::autocast::get_autocast_dtype(device);
#else
  return device == c10::DeviceType::CUDA ? at::autocast::get_autocast_gpu_dtype()
                                         : at::autocast::get_autocast_cpu_dtype();
#endif
}
inline void set_autocast(c10::DeviceType device, bool enabled, at::ScalarType dtype) {
#if FACTORLAB_AUTOCAST_BY_DEVICE_TYPE
  at::autocast::set_autocast_dtype(device, dtype);
  at::autocast::set_autocast_enabled(device, enabled);
#else
  if (device == c10::DeviceType::CUDA) {
    at::autocast::set_autocast_gpu_dtype(dtype);
    at::autocast::set_enabled(enabled);
  } else {
    at::autocast::set_autocast_cpu_dtype(dtype);
    at::autocast::set_cpu_enabled(enabled);
  }
#endif
}

// Enables bf16 autocast on `device`'s kind (CPU or CUDA) for its lifetime when `enable` is true;
// does nothing otherwise. Only CPU and CUDA are supported (InputError-free: devices come from
// resolve_device, which allows only those two).
class Bf16Autocast {
 public:
  explicit Bf16Autocast(bool enable, c10::DeviceType device = c10::DeviceType::CPU)
      : on_(enable), device_(device == c10::DeviceType::CUDA ? device : c10::DeviceType::CPU) {
    if (!on_) return;
    was_enabled_ = autocast_enabled(device_);
    was_dtype_ = autocast_dtype(device_);
    set_autocast(device_, true, at::kBFloat16);
    at::autocast::increment_nesting();
  }
  ~Bf16Autocast() {
    if (!on_) return;
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
    set_autocast(device_, was_enabled_, was_dtype_);
  }
  Bf16Autocast(const Bf16Autocast&) = delete;
  Bf16Autocast& operator=(const Bf16Autocast&) = delete;

 private:
  bool on_;
  c10::DeviceType device_;
  bool was_enabled_ = false;
  at::ScalarType was_dtype_ = at::kBFloat16;
};

// Stores every 4D parameter (conv weights) channels-last.
inline void to_channels_last(torch::nn::Module& m) {
  torch::NoGradGuard g;
  for (auto& p : m.parameters())
    if (p.dim() == 4) p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
}

}  // namespace factorlab
