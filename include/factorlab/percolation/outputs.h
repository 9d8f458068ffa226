// factorlab/percolation/outputs.h — the files of `factorlab percolate`, each written atomically:
//   percolation.csv         sigma,lambda,mean_ratio,std_ratio,mean_kept,trials,mean_largest,span_prob
//   overlap.csv             sigma,distance,analytic,pixel_open,pixel_periodic (empty cell: not measured)
//   percolation.json        config, critical lambda per sigma (four estimators), link radius and
//                           neighbour count per sigma, timing
//   percolation_figure.npz  the same curves as arrays, for the report's figure
//   config.toml             the resolved config (every default explicit)
// docs/percolation.md lists every column and key. Deliberately no plotting (the report module's job).
#pragma once
#include <string>
#include <vector>

#include "factorlab/core/json.h"
#include "factorlab/percolation/curves.h"
#include "factorlab/percolation/percolation_config.h"

namespace factorlab {

struct PercolationTiming {
  double overlap_s = 0;  // overlap.csv curves
  double total_s = 0;    // the whole command
};

std::string percolation_csv(const PercolationRun& run);
std::string overlap_csv(const std::vector<OverlapRow>& rows);
Json percolation_summary(const PercolationConfig& c, const PercolationRun& run, const PercolationTiming& timing);

// Writes the five files into dir (created if missing).
void write_percolation_outputs(const std::string& dir, const PercolationConfig& c, const PercolationRun& run,
                               const std::vector<OverlapRow>& overlap, const PercolationTiming& timing);

// The whole simulation into dir: run_percolation (curves.h) with `threads` workers, the overlap
// curves, then the five files with their timings. What `factorlab percolate` and a study's
// percolation stage both run. Returns the run (for a summary line).
PercolationRun simulate_percolation_into(const std::string& dir, const PercolationConfig& c, int threads);

}  // namespace factorlab
