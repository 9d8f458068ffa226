// factorlab/train/train_config.h — TrainConfig: the optimisation recipe (docs/design.md 4).
// Defaults are the recipe measured to learn placement on 2 CPU cores (AdamW lr 1e-3, 100 warmup
// steps, grad clip 1, EMA 0.999, batch 128); see docs/training.md for the measurements.
#pragma once
#include <cstdint>
#include <string>

#include "factorlab/core/config.h"

namespace factorlab {

// fp32; bf16 autocast of the forward pass; auto: bf16 where the CPU computes it natively (AVX512-BF16
// or AMX-BF16), fp32 elsewhere. Without native support oneDNN emulates bf16, and training runs about
// 10x slower than fp32 instead of 1.5-2x faster (docs/bench.md, measured on an AVX2-only EPYC).
enum class Precision { Fp32, Bf16, Auto };
inline const EnumNames<Precision> kPrecisionNames = {
    {"fp32", Precision::Fp32}, {"bf16", Precision::Bf16}, {"auto", Precision::Auto}};

// True when this CPU has AVX512-BF16 or AMX-BF16 (cpuid through the compiler's builtin; false on
// other architectures and compilers).
bool cpu_has_native_bf16();
// Whether the forward pass is autocast to bf16 for precision `p`: bf16 always, fp32 never, auto on a
// CPU with native bf16 and always on CUDA (model/precision.h autocasts on the model's device; every
// GPU since Ampere computes bf16 on its tensor cores: on an older one, set precision = "fp32").
bool uses_bf16(Precision p, bool on_cuda);

struct TrainConfig {
  int steps = 1500;             // optimisation steps (ignored when epochs > 0)
  int epochs = 0;               // > 0: train this many shuffled passes over the data instead
  int batch_size = 128;
  double lr = 1e-3;
  int warmup = 100;             // linear warm-up steps
  double weight_decay = 0.0;
  double grad_clip = 1.0;       // max global gradient norm; 0 disables
  double ema_decay = 0.999;     // 0 disables the EMA (samples then use the raw weights)
  std::int64_t seed = 0;
  int checkpoint_every = 500;   // steps; a checkpoint is also written at the end
  int log_every = 50;           // steps between metrics.jsonl rows
  int eval_every = 0;           // steps between evaluations during training; 0: none
  Precision precision = Precision::Fp32;  // fp32 | bf16 | auto (above); presets use auto
  bool channels_last = false;
  bool skip_nonfinite = false;  // a NaN/inf loss skips the batch instead of stopping the run
  // > 0: each pixel's squared error is weighted 1 + w (x0 + 1) / 2 (x0 in [-1, 1]: the bump or stripe
  // counts up to 1 + w, the background 1), normalised per image. The optimum is unchanged when each
  // condition has one image (docs/training.md); 0: the plain epsilon MSE of docs/design.md 4.
  double foreground_weight = 0.0;
  // > 0: training stops early once the joint placement accuracy of the training-time evaluation
  // (eval_every) is >= this on stop_patience evaluations in a row; a checkpoint is written at that
  // step. 0: off (every run trains `steps`). Needs eval_every > 0.
  double stop_at_accuracy = 0.0;
  int stop_patience = 1;

  template <class V> void visit(V& v) {
    v("steps", steps);
    v("epochs", epochs);
    v("batch_size", batch_size);
    v("lr", lr);
    v("warmup", warmup);
    v("weight_decay", weight_decay);
    v("grad_clip", grad_clip);
    v("ema_decay", ema_decay);
    v("seed", seed);
    v("checkpoint_every", checkpoint_every);
    v("log_every", log_every);
    v("eval_every", eval_every);
    v("precision", precision, kPrecisionNames);
    v("channels_last", channels_last);
    v("skip_nonfinite", skip_nonfinite);
    v("foreground_weight", foreground_weight);
    v("stop_at_accuracy", stop_at_accuracy);
    v("stop_patience", stop_patience);
  }
  void validate() const;
  // Total steps for a dataset of n examples.
  std::int64_t total_steps(std::int64_t n) const;
};

}  // namespace factorlab
