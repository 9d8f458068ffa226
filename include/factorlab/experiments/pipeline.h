// factorlab/experiments/pipeline.h — runs the stages of one run in order into a run folder:
// data -> train (periodic evaluation, checkpoints) -> sample -> eval -> probe + analyze -> track
// (run.track) -> results.json -> report (run.report). A stage already complete for this config is
// skipped (stage_ledger.h), so re-running after an interruption resumes: training continues from its
// latest checkpoint, finished stages are not repeated. Timings go into RUN/stages.json.
#pragma once
#include <string>

#include "factorlab/experiments/run_config.h"

namespace factorlab {

// Each stage's fingerprint: a hash of the config it depends on, chained through the stages it uses.
struct StageFingerprints {
  std::string data, train, sample, eval, baseline, probe, track, report;
};
StageFingerprints stage_fingerprints(const RunConfig& config);

void run_pipeline(const RunConfig& config, const std::string& out_dir);

}  // namespace factorlab
