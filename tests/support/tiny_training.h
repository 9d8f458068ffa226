// tests/support/tiny_training.h — the tiny training setup shared by the trainer, checkpoint and GPU
// tests: an 8 x 8 periodic bump dataset with n_side^2 conditions and a UNet of base width 8 without
// attention, so a few hundred steps learn it in seconds on one core.
#pragma once
#include <string>

#include "factorlab/data/dataset.h"
#include "factorlab/train/trainer.h"

namespace factorlab::test_support {

inline Dataset tiny_data(int n_side = 4) {
  DataConfig c;
  c.N = 8;
  c.parts[0].periodic = true;
  c.parts[0].dx = c.parts[0].dy = 8.0 / n_side;
  return build_dataset(c);
}

inline TrainInputs tiny_inputs(const std::string& device = "cpu") {
  TrainInputs in;
  in.model.base_width = 8;
  in.model.channel_mults = {1, 1, 2};
  in.model.cond_dim = 8;
  in.model.groups = 4;
  in.model.heads = 1;
  in.model.attention_levels = {};
  in.geometry = ModelGeometry{8, 8, true};
  in.train.batch_size = 8;
  in.train.lr = 2e-3;
  in.train.warmup = 5;
  in.train.checkpoint_every = 1000;
  in.config_toml = "[tiny]\n";
  in.identity = "tiny";
  in.device = device;
  return in;
}

// True when the two models' parameters are equal value for value.
inline bool same_weights(UNet& a, UNet& b) {
  auto pa = a->parameters(), pb = b->parameters();
  for (std::size_t i = 0; i < pa.size(); ++i)
    if (!torch::equal(pa[i], pb[i])) return false;
  return true;
}

}  // namespace factorlab::test_support
