// factorlab/experiments/sample_stage.h — the sample stage of a run folder: draws the sample grid of
// conditions from the latest checkpoint and writes samples.npy [M, N, N], sample_conditions.npy
// [M, 2] and samples.png.
#pragma once
#include <string>
#include <vector>

#include "factorlab/experiments/run_config.h"
#include "factorlab/experiments/run_denoiser.h"

namespace factorlab {

// Samples `conditions` ([M, 2]) from the run's latest (or the given) checkpoint into out_dir; with
// DenoiserChoice::Optimal from the empirical-optimal denoiser of the run's training set, with the
// run folder's [optimal] section (experiments/run_denoiser.h).
void run_sample_stage(const std::string& run_dir, const std::string& checkpoint, const std::vector<float>& conditions,
                      const SampleStageConfig& sampling, const std::string& out_dir,
                      DenoiserChoice choice = DenoiserChoice::Model);

// The conditions the sample stage draws by default (config.sample.grid).
std::vector<float> default_sample_conditions(const RunConfig& config);

}  // namespace factorlab
