// factorlab/train/train_config.cpp — see train_config.h.
#include "factorlab/train/train_config.h"

#include <string>

#include "factorlab/core/error.h"

namespace factorlab {

void TrainConfig::validate() const {
  check_range("train.steps", steps, 0, 1e9);
  check_range("train.epochs", epochs, 0, 1e7);
  check_range("train.batch_size", batch_size, 1, 1 << 16);
  check_range("train.lr", lr, 1e-8, 1.0);
  check_range("train.warmup", warmup, 0, 1e9);
  check_range("train.weight_decay", weight_decay, 0, 10);
  check_range("train.grad_clip", grad_clip, 0, 1e6);
  check_range("train.ema_decay", ema_decay, 0, 0.999999);
  check_range("train.checkpoint_every", checkpoint_every, 1, 1e9);
  check_range("train.log_every", log_every, 1, 1e9);
  check_range("train.eval_every", eval_every, 0, 1e9);
  check_range("train.foreground_weight", foreground_weight, 0, 1e4);
  check_range("train.stop_at_accuracy", stop_at_accuracy, 0, 1);
  check_range("train.stop_patience", stop_patience, 1, 1e6);
  if (stop_at_accuracy > 0 && eval_every <= 0)
    throw InputError("train.stop_at_accuracy = " + std::to_string(stop_at_accuracy) +
                     " needs train.eval_every > 0 (the accuracy it stops on is the training-time evaluation's)");
}

bool cpu_has_native_bf16() {
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
  return __builtin_cpu_supports("avx512bf16") || __builtin_cpu_supports("amx-bf16");
#else
  return false;
#endif
}

bool uses_bf16(Precision p, bool on_cuda) {
  switch (p) {
    case Precision::Fp32: return false;
    case Precision::Bf16: return true;
    case Precision::Auto: return on_cuda || cpu_has_native_bf16();
  }
  return false;
}

std::int64_t TrainConfig::total_steps(std::int64_t n) const {
  if (epochs <= 0) return steps;
  const std::int64_t per_epoch = (n + batch_size - 1) / batch_size;
  return per_epoch * epochs;
}

}  // namespace factorlab
