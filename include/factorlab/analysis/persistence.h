// factorlab/analysis/persistence.h — persistent homology of a point cloud (docs/analysis.md): the
// Vietoris-Rips filtration on at most `max_points` farthest-point landmarks, Z/2 coefficients,
// H0 .. H_max_dim, its persistence pairs, a resampling confidence band for the diagram, and Betti
// numbers read off by three rules (band, gap, fraction; betti_rules.h), all three reported.
// Engines: `ripser` (default) runs Debian's ripser program on the landmarks' distance matrix, the
// whole filtration up to the enclosing radius, exact and never refused for size, in single
// precision (ripser_engine.h); `gudhi` is GUDHI 3.7 with edge collapse and a simplex budget, in
// double precision (gudhi_engine.h). Band: confidence_band.h (Fasy et al., Annals of Statistics 2014).
// Deliberately not here: other coefficient fields, witness or alpha complexes, cocycles, plots.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "factorlab/analysis/betti_rules.h"
#include "factorlab/analysis/confidence_band.h"
#include "factorlab/analysis/diagram.h"
#include "factorlab/analysis/gudhi_engine.h"
#include "factorlab/analysis/persistence_config.h"
#include "factorlab/analysis/points.h"
#include "factorlab/core/config.h"
#include "factorlab/core/json.h"

namespace factorlab {


struct PersistenceTiming {  // seconds, wall clock; threshold_s: choosing it, its edges, edge collapse (gudhi)
  double landmarks_s = 0, distances_s = 0, threshold_s = 0, complex_s = 0, persistence_s = 0, band_s = 0, total_s = 0;
};

struct PersistenceResult {
  std::vector<PersistencePair> pairs;      // dims 0 .. max_dim, zero-length bars dropped, sort_pairs order
  PersistenceEngine engine = PersistenceEngine::Ripser;
  BettiRule betti_rule = BettiRule::Band;
  std::vector<int> betti;                  // [max_dim + 1], by betti_rule
  std::vector<int> band_betti, gap_betti, fraction_betti;  // every rule's reading (band_betti empty without a band)
  Band band;
  BandOptions band_options;                // as used (threads resolved)
  std::vector<std::vector<double>> top_persistence;  // [max_dim + 1][<= 3], descending
  int max_dim = 2;
  double betti_fraction = 0.1;
  double threshold = 0.0;                  // the edge length where the filtration stops
  bool exact = false;                      // threshold >= enclosing radius: the full Rips diagram
  double reference_death = 0.0;            // the fraction rule's scale (betti_rules.h)
  std::vector<std::int64_t> landmarks;     // rows of the input used, in selection order
  double cover_radius = 0.0;               // largest distance from an input point to its nearest landmark
  std::int64_t n_points = 0, n_features = 0;  // input cloud [n_points, n_features]
  std::int64_t n_edges = 0, n_edges_kept = 0, n_simplices = 0;  // gudhi engine only (0 with ripser)
  PersistenceTiming timing;
};

// Persistent homology of `points` ([n, dim], one point per row). InputError for an invalid config, a
// missing ripser program (engine = ripser), or a cloud with no points or non-finite coordinates.
PersistenceResult compute_persistence(const Points& points, const PersistenceConfig& config);

// CSV with header "dim,birth,death", one bar per line, death "inf" for essential bars. Atomic.
void write_persistence_csv(const std::string& path, const PersistenceResult& result);

// CSV with header "alpha,resamples,method,seed,c,two_c" and one row: the band drawn beside the
// diagram (bars farther than two_c above the diagonal are significant). Atomic.
void write_band_csv(const std::string& path, const PersistenceResult& result);

// The result as JSON (docs/analysis.md): betti, betti_rule, rules {band, gap, fraction},
// top_persistence, engine, threshold, sizes, timing, landmarks, and the pairs as [dim, birth, death]
// with death null for essential bars (JSON has no infinity).
Json to_json(const PersistenceResult& result);

}  // namespace factorlab
