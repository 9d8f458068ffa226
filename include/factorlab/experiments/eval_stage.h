// factorlab/experiments/eval_stage.h — the eval stage of a run folder, and the hook that evaluates
// a seeded subset of conditions during training (logged under "eval" in metrics.jsonl).
// Writes eval.json (groups and per-sample records), eval.txt (the accuracy table),
// eval_samples.npy [M, N, N], eval_conditions.npy [M, 2] and samples_eval.png.
#pragma once
#include <string>

#include "factorlab/core/json.h"
#include "factorlab/experiments/run_config.h"
#include "factorlab/train/trainer.h"

namespace factorlab {

// Returns the accuracy table as text.
std::string run_eval_stage(const std::string& run_dir, const std::string& checkpoint, const EvalConfig& config,
                           const std::string& out_dir);

EvalHook training_eval_hook(const RunConfig& config, const Dataset& dataset, const torch::Device& device);

}  // namespace factorlab
