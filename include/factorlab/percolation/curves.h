// factorlab/percolation/curves.h — the paper's Fig. 6 as numbers: largest-cluster ratio vs lambda for
// several sigma, the critical lambda of each curve, and the overlap-vs-distance curves.
// For every (sigma, lambda) `trials` independent lattices are drawn; trial t of sigma index s and
// lambda index l uses Rng::derive(seed, "percolation.sweep.<s>.<l>", t), and sums run in trial order,
// so the curves depend on the seed only, never on the thread count.
// Critical lambda, four estimators (docs/percolation.md compares them):
//   ratio_half       the lambda above which the mean ratio stays >= 0.5 (linear interpolation) —
//                    the headline estimator (docs/design.md 8);
//   span_half        the same for the spanning probability;
//   steepest         midpoint of the grid interval where the mean ratio rises fastest (lambda > 0);
//   spanning_median  median over trials of the occupied fraction at which a cluster first spans
//                    (Newman-Ziff; grid-free; converges to p_c = 0.5927 for nearest-neighbour links).
// NaN means "not bracketed by the lambda grid" (or, for spanning_median, most trials never span).
// Deliberately not: the trained-model side (accuracy vs lambda), which is the experiments module's.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "factorlab/core/threads.h"  // resolve_threads: 0 = the CPUs this process may use
#include "factorlab/percolation/lattice.h"
#include "factorlab/percolation/percolation_config.h"

namespace factorlab {

struct LambdaPoint {
  double lambda = 0;
  int trials = 0;
  double mean_ratio = 0, std_ratio = 0;  // largest cluster / kept sites (0 when none kept); sample std
  double mean_kept = 0, mean_largest = 0;
  double span_prob = 0;  // fraction of (trial, direction) pairs with a spanning cluster
};

struct CriticalLambda {
  double ratio_half, span_half, steepest, spanning_median;
};

struct SigmaCurve {
  double sigma = 0;
  LinkSet links;
  std::vector<LambdaPoint> points;  // one per config lambda
  std::vector<double> spanning;     // first-spanning fractions, rows then cols of each trial
  CriticalLambda critical{};
};

struct PercolationRun {
  std::vector<SigmaCurve> curves;  // one per config sigma
  int threads = 1;
  double links_s = 0, sweep_s = 0, spanning_s = 0;  // wall time of each stage
};

// The link offsets of one sigma under the config's overlap model and link rule.
LinkSet link_set(const PercolationConfig& c, double sigma);

LambdaPoint summarize(double lambda, const std::vector<TrialResult>& trials);

// The x above which y stays >= level: linear interpolation between the last point below level
// and the next one. NaN if the last point is below level or no point is (not bracketed).
double stays_above(const std::vector<double>& x, const std::vector<double>& y, double level);
// Midpoint of the interval [x_k, x_k+1] (x_k > 0) with the largest slope of y; NaN if none rises.
double steepest_rise(const std::vector<double>& x, const std::vector<double>& y);
// Median, NaN ordered above every number (a trial that never spans counts as "later than all").
double median(std::vector<double> v);

// `trials` Newman-Ziff runs; trial t uses Rng::derive(seed, key, t). Returns rows then cols per trial.
std::vector<double> first_spanning_fractions(int L, const LinkSet& links, int trials, std::uint64_t seed,
                                             const std::string& key, int threads);

// The whole sweep (config validated first); reports progress through core/progress.h.
PercolationRun run_percolation(const PercolationConfig& c, int threads);

// Overlap vs centre distance: distances 0, h, 2h, ... up to max(4 sigma_max, 3 d), for each sigma,
// with h = d / 20 (coarser when that would give more than 2000 rows). Pixel columns are measured along x in an N-frame (finite and periodic) where the pair fits
// (distance <= N - 1, resp. N / 2), NaN elsewhere.
struct OverlapRow {
  double sigma = 0, distance = 0, analytic = 0, pixel_open = 0, pixel_periodic = 0;
};
std::vector<OverlapRow> overlap_curves(const PercolationConfig& c);

}  // namespace factorlab
