// factorlab/experiments/eval_stage.h — the eval stage of a run folder, and the hook that evaluates
// a seeded subset of conditions during training (logged under "eval" in metrics.jsonl).
// Writes eval.json (groups and per-sample records, the denoiser, and "novelty": the copy rate per
// group and each sample's distances, eval/novelty.h), eval.txt (the accuracy and novelty tables),
// eval_samples.npy [M, N, N], eval_conditions.npy [M, 2] and samples_eval.png.
#pragma once
#include <string>

#include "factorlab/core/json.h"
#include "factorlab/experiments/run_config.h"
#include "factorlab/experiments/run_denoiser.h"
#include "factorlab/train/trainer.h"

namespace factorlab {

// Scores the run's model (the latest or the given checkpoint), or with DenoiserChoice::Optimal the
// empirical-optimal denoiser of its training set with `optimal` (the baseline stage: out_dir =
// RUN/optimal; experiments/run_denoiser.h). Returns the tables as text.
std::string run_eval_stage(const std::string& run_dir, const std::string& checkpoint, const EvalConfig& config,
                           const std::string& out_dir, DenoiserChoice choice = DenoiserChoice::Model,
                           const OptimalConfig& optimal = {});

EvalHook training_eval_hook(const RunConfig& config, const Dataset& dataset, const torch::Device& device);

}  // namespace factorlab
