// factorlab/experiments/train_stage.h — the train stage of a run folder: uses the run's dataset.npz
// (making it first when the run has none), trains, checkpoints, writes train.json. The sample stage
// is sample_stage.h.
#pragma once
#include <string>

#include "factorlab/experiments/run_config.h"
#include "factorlab/train/trainer.h"

namespace factorlab {

TrainResult run_train_stage(const RunConfig& config, const std::string& run_dir, bool resume, const EvalHook& hook = {});

}  // namespace factorlab
