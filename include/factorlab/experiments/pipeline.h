// factorlab/experiments/pipeline.h — runs the stages of an experiment in order into a run folder,
// logging each stage's wall time into stages.json.
#pragma once
#include <string>

#include "factorlab/experiments/run_config.h"

namespace factorlab {

void run_pipeline(const RunConfig& config, const std::string& out_dir);

}  // namespace factorlab
