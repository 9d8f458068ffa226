// factorlab/analysis/confidence_band.h — a resampling confidence band for a persistence diagram
// (Fasy, Lecci, Rinaldo, Wasserman, Balakrishnan, Singh, "Confidence sets for persistence diagrams",
// Annals of Statistics 2014; the bottleneck bootstrap of their Section 4 as in Chazal et al.):
// draw B resamples of the n points, compute each one's diagram by the same procedure as the full
// one's (the caller's DiagramOf: the same landmarks rule and engine), take the bottleneck distance
// (bottleneck.h, max over dims 0 .. max_dim) between each resampled diagram and the full diagram, and
// let c be the (1 - alpha) quantile of those B distances. Bars with persistence > 2c are significant
// (betti_rules.h, the band rule).
//  bootstrap: n indices drawn with replacement; repeated rows are dropped (a duplicate point changes
//             no Rips diagram but by zero-length bars), so a resample has about 63 % of the points.
//  subsample: round(subsample_fraction x n) distinct indices drawn without replacement.
// Quantile: c is the ceil((1 - alpha) B)-th smallest distance (the inverse of the empirical
// distribution function, Hyndman & Fan type 1), so at least (1 - alpha) B distances are <= c.
// Determinism: resample b's indices come from Rng::derive(seed, "persistence-band", b), all drawn
// before any diagram is computed; the B diagrams run on `threads` workers and are collected by index,
// so c does not depend on the thread count.
// Deliberately not here: the diagrams themselves, other band constructions (kernel density, shells).
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "factorlab/analysis/diagram.h"
#include "factorlab/core/config.h"

namespace factorlab {

enum class BandMethod { Bootstrap, Subsample };
inline const EnumNames<BandMethod> kBandMethodNames = {{"bootstrap", BandMethod::Bootstrap},
                                                       {"subsample", BandMethod::Subsample}};

struct BandOptions {
  double alpha = 0.05;
  int resamples = 20;
  BandMethod method = BandMethod::Bootstrap;
  double subsample_fraction = 0.5;
  std::uint64_t seed = 0;
  int threads = 1;  // >= 1
  int max_dim = 2;
};

struct Band {
  double c = 0.0, two_c = 0.0;
  // With landmarks (persistence.h) the diagram is that of the landmarks L, not of the cloud X; by the
  // stability of Rips filtrations, d_B(Dgm R(L), Dgm R(X)) <= 2 d_GH(L, X) <= 2 r (r: the cover radius;
  // Chazal, de Silva, Oudot, Geom. Dedicata 2014). A bar is significant for X when its persistence
  // exceeds 2 (c + 2 r) = two_c + landmark_margin. Without landmarks r = 0 and significance = 2c.
  double landmark_margin = 0.0, significance = 0.0;
  std::vector<double> distances;            // [resamples], by resample index: max over dims
  std::vector<std::vector<double>> distances_by_dim;  // [resamples][max_dim + 1]
  std::vector<double> c_by_dim;             // [max_dim + 1]: the same quantile, dimension by dimension
                                            // (reported to show which dimension sets c; the rule uses c)
  std::vector<std::int64_t> resample_size;  // [resamples]: distinct points in each resample
  double seconds = 0.0;                     // wall clock of all resamples
};

// The diagram of the points with these row indices (ascending, distinct). Called from several threads
// at once: it must not share mutable state.
using DiagramOf = std::function<std::vector<PersistencePair>(const std::vector<std::int64_t>& rows)>;

// The row indices of resample b of n points (ascending, distinct): a pure function of the options
// and b.
std::vector<std::int64_t> resample_rows(std::int64_t n_points, const BandOptions& options, int b);

// The band of `full` (the diagram of all n_points rows). Exceptions from diagram_of are rethrown
// (the one of the lowest resample index).
Band confidence_band(std::int64_t n_points, const std::vector<PersistencePair>& full, const DiagramOf& diagram_of,
                     const BandOptions& options);

// The ceil((1 - alpha) n)-th smallest value of `values` (n = its size, > 0).
double upper_quantile(std::vector<double> values, double alpha);

}  // namespace factorlab
