// factorlab/analysis/gudhi_engine.h — the Vietoris-Rips persistence diagram of a distance matrix with
// GUDHI 3.7, in double precision, Z/2 coefficients, H0 .. H_max_dim: the `gudhi` engine of
// persistence.h, kept for cross-checks with the ripser engine (ripser_engine.h) and for machines
// without the ripser program.
// Pipeline: edges up to the threshold; the edge graph reduced by
// Gudhi::collapse::flag_complex_collapse_edges (Boissonnat & Pritam, "Edge collapse and persistence
// of flag complexes", SoCG 2020), which keeps the persistence diagram of the flag filtration
// unchanged in every dimension; Simplex_tree expansion to dimension max_dim + 1;
// Persistent_cohomology with Field_Zp, p = 2. Reference: GUDHI's utility
// src/Collapse/utilities/point_cloud_edge_collapse_rips_persistence.cpp. Up to H2 the whole
// filtration of a few hundred points in hundreds of dimensions has 10^8 - 10^9 simplices and
// collapses poorly at large scales (such clouds lie near a sphere), so by default a simplex budget
// chooses where the filtration stops (ThresholdMode::Auto).
// Deliberately not here: landmarks, Betti numbers, other coefficient fields.
#pragma once
#include <cstdint>
#include <vector>

#include "factorlab/analysis/diagram.h"
#include "factorlab/analysis/distance_matrix.h"
#include "factorlab/analysis/persistence_config.h"
#include "factorlab/core/config.h"

namespace factorlab {

// How the largest edge length (the threshold) of the Rips filtration is chosen.
//  enclosing: the enclosing radius of the points, min_i max_j d(i, j) (Ripser's default). From
//             that scale on every Rips complex is a cone, so the diagram is exactly that of the full
//             filtration: every class but one H0 class dies at or below it. Exact, but up to H2 on
//             hundreds of points it means hundreds of millions of simplices.
//  auto:      the enclosing radius if the (edge-collapsed) complex up to dimension max_dim + 1 has at
//             most `max_simplices` simplices; otherwise the largest value, on a geometric grid of 24
//             steps from the longest minimum-spanning-tree edge (where the points become connected)
//             up to the enclosing radius, whose complex stays within that budget (found by bisection,
//             since the size grows with the threshold). Classes still alive there are reported with
//             death = +inf.
//  absolute:  `threshold`, an edge length in the units of the points.
// In every mode a complex of more than `max_simplices` simplices is an InputError raised before it is
// built (the count is made on the collapsed edge graph and stops at the budget).

struct GudhiOptions {
  int max_dim = 2;
  ThresholdMode threshold_mode = ThresholdMode::Auto;
  double threshold = 0.0;                // used when threshold_mode = absolute
  std::int64_t max_simplices = 4000000;
  bool collapse_edges = true;
};

struct GudhiDiagram {
  std::vector<PersistencePair> pairs;  // zero-length bars dropped, sorted by sort_pairs
  double threshold = 0.0;              // the edge length actually used
  bool exact = false;                  // threshold >= enclosing radius: the full Rips diagram
  std::int64_t n_edges = 0;            // edges up to the threshold
  std::int64_t n_edges_kept = 0;       // after edge collapse (= n_edges without collapse)
  std::int64_t n_simplices = 0;        // in the expanded complex
  double threshold_s = 0, complex_s = 0, persistence_s = 0;  // wall clock
};

// InputError (naming persistence.max_simplices and what to change) when the complex would exceed
// the budget.
GudhiDiagram gudhi_diagram(const DistanceMatrix& m, const GudhiOptions& options);

}  // namespace factorlab
