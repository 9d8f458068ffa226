// factorlab/diffusion/sampling_config.h — how samples are drawn (docs/design.md 5): the one sampling
// config, plain C++ (no LibTorch), which [sample] (the sample stage, `factorlab sample`) and [eval]
// (evaluation, during training and after) both embed under their own section name, and which the
// samplers of gaussian_diffusion.h take as it is.
#pragma once
#include <cstdint>
#include <string>

#include "factorlab/core/config.h"

namespace factorlab {

enum class Sampler { Ddpm, Ddim };
inline const EnumNames<Sampler> kSamplerNames = {{"ddim", Sampler::Ddim}, {"ddpm", Sampler::Ddpm}};

struct SampleConfig {
  Sampler sampler = Sampler::Ddim;
  int steps = 50;        // DDIM steps (DDPM always runs all T)
  double eta = 0.0;      // DDIM stochasticity: 0 deterministic, 1 DDPM-like
  bool clip_x0 = true;   // clamp the predicted x_start to [-1, 1]
  int batch_size = 256;  // conditions per denoiser call
  std::int64_t seed = 0;

  // The keys in the order [sample] and [eval] write them (each section adds its own keys around them).
  template <class V> void visit(V& v) {
    v("sampler", sampler, kSamplerNames);
    v("steps", steps);
    v("eta", eta);
    v("clip_x0", clip_x0);
    v("batch_size", batch_size);
    v("seed", seed);
  }
  // InputError naming "<section>.<key>"; steps at most T (T = 0: the schedule is not known yet, at
  // most 100000).
  void validate(const std::string& section, int T = 0) const;
};

}  // namespace factorlab
