// factorlab/eval/evaluate.h — evaluation of a trained model: select the test conditions, sample
// them, locate and score (SPEC Section 5). Needs LibTorch (built from evaluate_torch.cpp).
#pragma once
#include <torch/torch.h>

#include "factorlab/data/data_config.h"
#include "factorlab/data/dataset.h"
#include "factorlab/diffusion/schedule.h"
#include "factorlab/eval/eval_config.h"
#include "factorlab/eval/placement.h"
#include "factorlab/model/unet.h"

namespace factorlab {

struct EvalOutcome {
  EvalConditions conditions;   // one entry per sample (conditions repeated samples_per_condition times)
  std::vector<float> samples;  // [M, N, N] pixel values
  PlacementReport report;
};

// limit > 0: a seeded subset of at most `limit` conditions (evaluation during training).
EvalOutcome evaluate_model(UNet& model, const DiffusionConfig& diffusion, const DataConfig& data, const Dataset& dataset,
                           const EvalConfig& config, const torch::Device& device, bool bf16, std::int64_t limit = 0);

}  // namespace factorlab
