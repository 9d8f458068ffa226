// factorlab/analysis/persistence.h — persistent homology of a point cloud (SPEC Section 6): the
// Vietoris-Rips filtration on at most `max_points` farthest-point landmarks, Z/2 coefficients,
// H0 .. H_max_dim, persistence pairs and Betti numbers counted as long bars.
// Pipeline (GUDHI 3.7): landmark distances computed once; edges up to the threshold; the edge graph
// reduced by Gudhi::collapse::flag_complex_collapse_edges (Boissonnat & Pritam, "Edge collapse and
// persistence of flag complexes", SoCG 2020), which keeps the persistence diagram of the flag
// filtration unchanged in every dimension; Simplex_tree expansion to dimension max_dim + 1;
// Persistent_cohomology with Field_Zp, p = 2. Reference: GUDHI's utility
// src/Collapse/utilities/point_cloud_edge_collapse_rips_persistence.cpp; Ripser (Bauer 2021) for the
// enclosing radius. Up to H2 the whole filtration of 400 landmarks in hundreds of dimensions has
// 10^8 - 10^9 simplices and collapses poorly at large scales (such clouds lie near a sphere), so by
// default a simplex budget chooses where the filtration stops (ThresholdMode::Auto).
// Deliberately not here: other coefficient fields, witness or alpha complexes, cocycles, plots.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "factorlab/analysis/points.h"
#include "factorlab/core/config.h"
#include "factorlab/core/json.h"

namespace factorlab {

// How the largest edge length (the threshold) of the Rips filtration is chosen.
//  enclosing: the enclosing radius of the landmarks, min_i max_j d(i, j) (Ripser's default). From
//             that scale on every Rips complex is a cone, so the diagram is exactly that of the full
//             filtration: every class but one H0 class dies at or below it. Exact, but up to H2 on
//             hundreds of points it means hundreds of millions of simplices.
//  auto:      the enclosing radius if the (edge-collapsed) complex up to dimension max_dim + 1 has at
//             most `max_simplices` simplices; otherwise the largest value, on a geometric grid of 24
//             steps from the longest minimum-spanning-tree edge (where the landmarks become
//             connected) up to the enclosing radius, whose complex stays within that budget (found by
//             bisection, since the size grows with the threshold). Classes still alive there are
//             reported with death = +inf.
//  absolute:  `threshold`, an edge length in the units of the points.
// In every mode a complex of more than `max_simplices` simplices is an InputError raised before it is
// built (the count is made on the collapsed edge graph and stops at the budget).
enum class ThresholdMode { Auto, Enclosing, Absolute };
inline const EnumNames<ThresholdMode> kThresholdModeNames = {
    {"auto", ThresholdMode::Auto}, {"enclosing", ThresholdMode::Enclosing}, {"absolute", ThresholdMode::Absolute}};

// Where farthest-point sampling starts: point 0, or an index drawn from `seed`.
enum class LandmarkStart { First, Seeded };
inline const EnumNames<LandmarkStart> kLandmarkStartNames = {{"first", LandmarkStart::First},
                                                             {"seeded", LandmarkStart::Seeded}};

struct PersistenceConfig {
  int max_points = 400;                  // landmarks (farthest-point sampling) when the cloud is larger
  int max_dim = 2;                       // homology H0 .. H_max_dim (needs (max_dim + 1)-simplices)
  ThresholdMode threshold_mode = ThresholdMode::Auto;
  double threshold = 0.0;                // edge length, used when threshold_mode = absolute
  std::int64_t max_simplices = 4000000;  // size budget of the complex (GUDHI: about 1 us of persistence each)
  double betti_fraction = 0.1;           // a bar counts when persistence > fraction x reference_death
  bool collapse_edges = true;            // edge collapse before expansion: same diagram, far fewer simplices
  LandmarkStart landmark_start = LandmarkStart::First;
  std::int64_t seed = 0;                 // used when landmark_start = seeded

  template <class V>
  void visit(V& v) {
    v("max_points", max_points);
    v("max_dim", max_dim);
    v("threshold_mode", threshold_mode, kThresholdModeNames);
    v("threshold", threshold);
    v("max_simplices", max_simplices);
    v("betti_fraction", betti_fraction);
    v("collapse_edges", collapse_edges);
    v("landmark_start", landmark_start, kLandmarkStartNames);
    v("seed", seed);
  }
  void validate() const;  // InputError naming the key (prefix "persistence.")
};

// One bar of the diagram; death = +inf for a class still alive at the threshold (essential).
struct PersistencePair {
  int dim = 0;
  double birth = 0.0, death = 0.0;
};

struct PersistenceTiming {  // seconds, wall clock; threshold_s: choosing it, its edges, edge collapse
  double landmarks_s = 0, distances_s = 0, threshold_s = 0, complex_s = 0, persistence_s = 0, total_s = 0;
};

struct PersistenceResult {
  std::vector<PersistencePair> pairs;      // dims 0 .. max_dim, zero-length bars dropped; sorted by
                                           // dim, then persistence (longest first), then birth
  std::vector<int> betti;                  // [max_dim + 1]
  int max_dim = 2;
  double betti_fraction = 0.1;
  double threshold = 0.0;                  // the edge length actually used
  bool exact = false;                      // threshold >= enclosing radius: the full Rips diagram
  double reference_death = 0.0;            // the scale Betti numbers are counted against (betti_numbers)
  std::vector<std::int64_t> landmarks;     // rows of the input used, in selection order
  double cover_radius = 0.0;               // largest distance from an input point to its nearest landmark
  std::int64_t n_points = 0, n_features = 0;  // input cloud [n_points, n_features]
  std::int64_t n_edges = 0;                // edges up to the threshold
  std::int64_t n_edges_kept = 0;           // after edge collapse (= n_edges without collapse)
  std::int64_t n_simplices = 0;            // in the expanded complex
  PersistenceTiming timing;
};

// Persistent homology of `points` ([n, dim], one point per row). InputError for an invalid config or
// a cloud with no points or non-finite coordinates.
PersistenceResult compute_persistence(const Points& points, const PersistenceConfig& config);

// The largest death in the window [0, threshold] of the filtration: finite deaths, and threshold for
// an essential bar (it is only known to live until there), leaving out the one H0 bar that never
// dies. With the whole filtration (threshold >= enclosing radius) this is the largest finite death.
double reference_death(const std::vector<PersistencePair>& pairs, double threshold);

// Betti numbers: in each dimension 0 .. max_dim, the number of bars whose persistence exceeds
// betti_fraction x reference_death(pairs, threshold); an essential bar's persistence is taken as
// threshold - birth (the part of it that was observed).
std::vector<int> betti_numbers(const std::vector<PersistencePair>& pairs, int max_dim, double betti_fraction,
                               double threshold);

// CSV with header "dim,birth,death", one bar per line, death "inf" for essential bars. Atomic.
void write_persistence_csv(const std::string& path, const PersistenceResult& result);

// The result as JSON: Betti numbers, threshold, sizes, timing, landmarks, and the pairs as
// [dim, birth, death] with death null for essential bars (JSON has no infinity).
Json to_json(const PersistenceResult& result);

}  // namespace factorlab
