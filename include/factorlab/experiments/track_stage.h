// factorlab/experiments/track_stage.h — tracking (paper Fig. 2c-g): probe and analyse every
// checkpoint of a run, so accuracy, effective dimension, explained variance and Betti numbers can be
// read against training progress. Per checkpoint OUT/track/step_XXXXXXXX/ (probe + analysis files),
// and the series OUT/track.csv, OUT/track.json, rewritten after every checkpoint (an interrupted
// track keeps its prefix). Used by `factorlab run` (run.track = true) and `factorlab analyze --track`.
#pragma once
#include <string>

#include "factorlab/experiments/run_config.h"
#include "factorlab/analysis/analyze.h"

namespace factorlab {

struct TrackOptions {
  ProbeConfig probe;
  AnalysisConfig analysis;
  ReferenceTorus reference = ReferenceTorus::None;
  bool umap = false;  // UMAP of every checkpoint is slow and rarely looked at: off unless asked
};

// InputError when the run has no checkpoints. Returns the number of checkpoints tracked.
std::size_t run_track_stage(const std::string& run_dir, const TrackOptions& options, const std::string& out_dir);

}  // namespace factorlab
