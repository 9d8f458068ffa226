// factorlab/experiments/study_runner.h — runs a study (study.h) into a folder:
//   STUDY/study.json            every member (all shards), labels and overrides
//   STUDY/runs/<name>/          one run folder per member, made by run_pipeline (stages skip when
//                               complete, so re-running a study resumes it); with jobs > 1 also
//                               log.txt, the member process's output
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
  // > 1: up to `jobs` members train at once, each in its own process (member_processes.h) with
  // run.threads = its config's value, or when that is 0 the cores divided by jobs (at least 1).
  int jobs = 1;
  std::string exe;  // the factorlab binary the members run (default: this process's own)
};

void run_study(const LoadedStudy& study, const std::vector<StudyMember>& members, const StudyRunOptions& options);

}  // namespace factorlab
