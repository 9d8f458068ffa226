// factorlab/sample/dataset_denoiser.h — the exact empirical-optimal denoiser (diffusion/
// optimal_denoiser.h) of a Dataset's training examples: the memorizing baseline of a run.
// Builds its inputs the way train/ shows the data to the network: images v in [0, 1] become 2v - 1
// (docs/design.md 1), shaped [K, 1, N, N], with the dataset's labels; on the torus the label period is N.
// Here rather than in diffusion/ because diffusion depends on core only, never on data.
#pragma once
#include <torch/torch.h>

#include "factorlab/data/dataset.h"
#include "factorlab/diffusion/optimal_config.h"
#include "factorlab/diffusion/optimal_denoiser.h"

namespace factorlab {

// periodic: whether the model's labels live on the torus, as ModelGeometry::periodic (every part
// periodic). The training images and the computation live on `device`.
// std::invalid_argument if the dataset has no training example.
Denoiser optimal_denoiser_for(const Schedule& schedule, const Dataset& dataset, const OptimalConfig& config,
                              bool periodic, const torch::Device& device);

}  // namespace factorlab
