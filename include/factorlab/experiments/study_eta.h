// factorlab/experiments/study_eta.h — how long the rest of a study will take, from the wall times of
// its members already finished (the "run:<name>" entries of the study's stage ledger, stage_ledger.h:
// those run now and those a previous invocation finished). The runner logs it before each member
// (study_runner.h). Deliberately simple: mean seconds per finished member times the members left;
// members run one after another in this process (a shard's members; other shards run elsewhere).
#pragma once
#include <cstddef>
#include <string>

#include "factorlab/core/json.h"

namespace factorlab {

struct StudyEta {
  std::size_t finished = 0;  // members with a recorded wall time
  double mean_s = 0;         // their mean wall time
  std::size_t left = 0;      // members still to run
  double left_s = 0;         // mean_s * left
};

// From a ledger's entries (StageLedger::entries()); `left` members still to run.
StudyEta study_eta(const Json& ledger_entries, std::size_t left);

// "ETA 3m05s for 5 runs left (mean 37.0s over 3 finished)"; "" while nothing has finished or none is left.
std::string describe(const StudyEta& eta);

}  // namespace factorlab
