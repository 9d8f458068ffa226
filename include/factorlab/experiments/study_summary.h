// factorlab/experiments/study_summary.h — a study's collected rows summarised per group: the runs of
// one member spec and grid cell, i.e. its seeds (study.json "group", else the run's own name; labels
// without seed). Written next to results.csv / results.json by collect_study:
//   STUDY/results_summary.json  [{group, labels: {k: v} (without seed), runs: [names], seeds: k,
//                                 numbers: {key: {mean, sd, ci95_lo, ci95_hi, min, max, runs
//                                 [, successes, conditions, wilson_lo, wilson_hi]}}}]
//   STUDY/results_summary.csv   long format, one row per (group, key): group, label.<k>..., key, runs,
//                               mean, sd, ci95_lo, ci95_hi, min, max, successes, conditions,
//                               wilson_lo, wilson_hi (empty where not defined)
// mean / sd / min / max over the group's runs; ci95 = mean -+ t(0.975, k - 1) sd / sqrt(k), only with
// k >= 2 runs. Accuracies (eval.<g>.{x,y,joint,not_gaussian} with eval.<g>.count in every run) also get
// the Wilson 95 % interval of their conditions pooled over the runs: successes = sum of round(acc * n).
// The intervals are report/intervals.h; the claims read the per-seed rows, not this file.
// Deliberately not: deciding any claim (report/claims.h).
#pragma once
#include <string>

#include "factorlab/core/json.h"

namespace factorlab {

// rows: the array collect_study writes to results.json; study: STUDY/study.json.
Json summarize_results(const Json& study, const Json& rows);
// summarize_results written to STUDY/results_summary.json and STUDY/results_summary.csv (atomically).
void write_results_summary(const std::string& study_dir, const Json& study, const Json& rows);

}  // namespace factorlab
