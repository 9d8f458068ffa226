// factorlab/report/run_numbers.h — a run's headline numbers as a flat map, the input of every claim
// check and of the "headline numbers" table. Keys follow RUN/results.json (experiments/results.h):
//   eval.<group>.{x,y,joint,not_gaussian,mse,count}, eval.step, train.{steps,seconds,...},
//   data.{N,n_train,n_ood}, probe.{participation_ratio,n_components_95,explained_1..4,betti0..2},
//   probe.<model|clifford_torus|torus_3d>.<statistic>_mean, time.<stage>.
// When results.json is there its numbers are used as they are; keys it lacks (or all keys, for a run
// made before results.json existed) are read from eval.json, data.json, analysis/analysis.json,
// stages.json and metrics.jsonl. A key that no file provides is absent: "not measured", never 0.
// Deliberately not: computing new quantities (the claims do), or writing results.json (experiments).
#pragma once
#include <map>
#include <optional>
#include <string>

#include "factorlab/core/json.h"

namespace factorlab {

using Numbers = std::map<std::string, double>;

// The finite numbers of a flat JSON object (booleans as 0 / 1; strings, nulls, arrays skipped).
Numbers numbers_from_json(const Json& flat);

// Never throws for a missing file; InputError when a file that is there is not valid JSON.
Numbers collect_run_numbers(const std::string& run_dir);
// The same numbers read from the stage files only, ignoring results.json (what experiments/results
// writes into results.json).
Numbers numbers_from_stage_files(const std::string& run_dir);

std::optional<double> lookup(const Numbers& numbers, const std::string& key);

// Short human text: "0.953", "1.25e+04", "7"; "not measured" for nullopt.
std::string format_value(std::optional<double> v);
// An accuracy (a fraction 0..1) as a percentage with one decimal: "95.3 %".
std::string format_percent(std::optional<double> v);

}  // namespace factorlab
