// factorlab/eval/evaluate.h — evaluation of a trained model, or of any denoiser (the optimal one of
// diffusion/optimal_denoiser.h): select the test conditions, sample them, locate and score
// (docs/design.md 6). One code path: evaluate_model is evaluate_denoiser with the UNet as the denoiser.
// Needs LibTorch (built from evaluate_torch.cpp).
#pragma once
#include <torch/torch.h>

#include "factorlab/data/data_config.h"
#include "factorlab/data/dataset.h"
#include "factorlab/diffusion/gaussian_diffusion.h"
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

// Samples the selected conditions with `denoiser` on `device` (images of side dataset.N) and scores
// them. limit > 0: a seeded subset of at most `limit` conditions (evaluation during training).
EvalOutcome evaluate_denoiser(const Denoiser& denoiser, const DiffusionConfig& diffusion, const DataConfig& data,
                              const Dataset& dataset, const EvalConfig& config, const torch::Device& device,
                              std::int64_t limit = 0);

// evaluate_denoiser with the UNet (sample/generate.h unet_denoiser). std::invalid_argument if the
// model was built for another N than the dataset's.
EvalOutcome evaluate_model(UNet& model, const DiffusionConfig& diffusion, const DataConfig& data, const Dataset& dataset,
                           const EvalConfig& config, const torch::Device& device, bool bf16, std::int64_t limit = 0);

}  // namespace factorlab
