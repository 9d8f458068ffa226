// factorlab/experiments/probe_stage.h — the probe + analyze stage of a run: capture the configured
// block's activations on the probe grid from the latest checkpoint (RUN/probe: reps.npy,
// labels.npy, probe.json) and analyse them (RUN/analysis: analysis.json, pca.csv, ortho.csv,
// persistence.csv, umap.csv, ...). Returns the analysis JSON.
#pragma once
#include <string>

#include "factorlab/core/json.h"
#include "factorlab/experiments/run_config.h"

namespace factorlab {

Json run_probe_stage(const RunConfig& config, const std::string& run_dir);

}  // namespace factorlab
