// factorlab/experiments/results.h — a run's headline numbers as one flat JSON object
// (RUN/results.json), read from the files its stages wrote. It is what `factorlab sweep --collect`
// gathers into one table and what the report's claim checks read. Keys (a key is absent when its
// stage has not run — never 0 for "not measured"):
//   eval.<group>.{x,y,joint,not_gaussian,mse,count}   from eval.json (groups: all, id, ood, band_x, ...)
//   eval.<group>.{copy_rate,copies}                     from eval.json "novelty" (eval/novelty.h)
//   eval.step
//   baseline.<group>.{x,y,joint,not_gaussian,mse,count,copy_rate,copies}   from optimal/eval.json, the
//     memorizing baseline (run.baseline; docs/memorization.md)
//   train.{steps,seconds,images_per_s,last_loss,parameters}   from train.json
//   data.{N,n_train,n_ood}                                     from data.json
//   probe.{participation_ratio,n_components_95,explained_1..4,betti0..2}            analysis/analysis.json
//   probe.<model|clifford_torus|torus_3d>.<statistic>_{mean,std,count}   statistic: x_on_y, x_on_x,
//     y_on_y, x_parallel, y_parallel, x_opposite, y_opposite, x_curve_pr, y_curve_pr
//   time.<stage>                                               from stages.json (seconds)
// Deliberately not: computing anything new (only collecting), or the claims (report module).
#pragma once
#include <string>

#include "factorlab/core/json.h"

namespace factorlab {

Json collect_run_results(const std::string& run_dir);
// collect_run_results, written atomically to RUN/results.json; returns it.
Json write_run_results(const std::string& run_dir);

}  // namespace factorlab
