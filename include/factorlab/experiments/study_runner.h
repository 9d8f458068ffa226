// factorlab/experiments/study_runner.h — runs a study (study.h) into a folder:
//   STUDY/study.json            every member (all shards), labels and overrides
//   STUDY/runs/<name>/          one run folder per member, made by run_pipeline (stages skip when
//                               complete, so re-running a study resumes it)
//   STUDY/percolation/          the percolation simulation (study.simulation; shard 0 only)
//   STUDY/stages.json           each member's wall time (stages.shard-I-of-N.json for a shard)
//   STUDY/results.csv|json      collected (unsharded runs; sharded: `factorlab sweep --collect`)
//   STUDY/report.html           the study's report (unsharded, study.json + results)
#pragma once
#include <string>
#include <vector>

#include "factorlab/experiments/study.h"

namespace factorlab {

struct StudyRunOptions {
  std::string out_dir;
  int shard = 0, shards = 1;
  bool report = true;
};

void run_study(const LoadedStudy& study, const std::vector<StudyMember>& members, const StudyRunOptions& options);

// The percolation simulation of a study into dir (skipped when dir already holds it for this config).
void run_percolation_stage(const PercolationConfig& config, int threads, const std::string& dir);

}  // namespace factorlab
