// factorlab/experiments/run_denoiser.h — what a sample or eval stage of a run samples with: the run's
// trained UNet (a checkpoint), or the memorizing baseline, the exact empirical-optimal denoiser of the
// run's own training set (diffusion/optimal_denoiser.h, sample/dataset_denoiser.h; docs/memorization.md),
// which can only reproduce training images. `factorlab sample|eval RUN --denoiser optimal` and the
// run's baseline stage (run.baseline) use the second.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "factorlab/core/config.h"
#include "factorlab/core/json.h"
#include "factorlab/data/dataset.h"
#include "factorlab/diffusion/gaussian_diffusion.h"
#include "factorlab/experiments/run_config.h"

namespace factorlab {

enum class DenoiserChoice { Model, Optimal };
inline const EnumNames<DenoiserChoice> kDenoiserChoiceNames = {{"model", DenoiserChoice::Model},
                                                               {"optimal", DenoiserChoice::Optimal}};

struct RunDenoiser {
  RunConfig config;          // the run folder's config (the model's own, from its checkpoint, for Model)
  Denoiser denoiser;
  bool bf16 = false;         // the UNet's forward runs under bf16 autocast (Model only)
  std::string checkpoint;    // Model: the checkpoint file; "" for Optimal
  std::int64_t step = -1;    // Model: its training step; -1 for Optimal
  std::shared_ptr<const Dataset> dataset;  // Optimal: RUN/dataset.npz, the set it memorizes; null for Model
  // {"denoiser": "model", "checkpoint": ..., "step": ...} or {"denoiser": "optimal", "optimal": {...}}
  Json describe() const;
};

// Model: the checkpoint (the latest when empty) on `device`. Optimal: the training images of
// RUN/dataset.npz with `optimal` (the [optimal] section to use); InputError naming the file when the
// run folder has no dataset.npz, and when a checkpoint is given (the baseline has none).
RunDenoiser load_run_denoiser(const std::string& run_dir, const std::string& checkpoint, DenoiserChoice choice,
                              const OptimalConfig& optimal, const torch::Device& device);

}  // namespace factorlab
