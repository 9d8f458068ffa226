// factorlab/probe/map.h — the representation map: where in the network the torus lives and when in
// the denoising it forms. Every block of the UNet (stem, down1..3, mid, up1..3, out) is probed at
// several timesteps, each (block, t) cell is analysed exactly as `factorlab analyze` does (analyze.h:
// PCA, the factorization tests, persistent homology; UMAP is left out), and the map is the table of a
// few numbers of every cell, read back from that cell's analysis.json.
// Plain C++ (no LibTorch): the config, the table and its files. Running the network is map_probe.h.
// Deliberately not here: a new analysis or a cheaper variant of one: a cell's persistence uses the
// AnalysisConfig it is given (analysis.persistence.*), and whether it reached the full filtration is
// a column of the map, not hidden.
// Reference: arXiv 2408.13256 (the UNet's representation of the conditions, Fig. 2-3); docs/analysis.md.
#pragma once
#include <string>
#include <vector>

#include "factorlab/core/config.h"
#include "factorlab/core/json.h"

namespace factorlab {

struct MapConfig {
  std::vector<int> t;  // timesteps (0-based) probed; []: n_t of them evenly from 0.05 T to 0.95 T
  int n_t = 5;         // how many default timesteps

  template <class V> void visit(V& v) {
    v("t", t);
    v("n_t", n_t);
  }
  // InputError naming "map.<key>": a negative or repeated timestep, more than 1000 of them, n_t outside 1 .. 100.
  void validate() const;
  // The timesteps used with a diffusion of T steps, ascending. InputError naming map.t for one >= T.
  std::vector<int> resolved_t(int T) const;
};

// The UNet's blocks in the order of the forward pass (probe_config.h kProbeLayerNames).
std::vector<std::string> map_blocks();

// The map's columns after block and t, each read from the cell's analysis.json (NaN when absent):
//   participation_ratio                                       pca
//   betti0, betti1, betti2                                    persistence.betti (the analysis's rule)
//   x_on_y_mean, x_opposite_mean, y_opposite_mean             factorization.model.<statistic>.mean
//   n_components_95                                           pca
//   x_curve_pr_mean, y_curve_pr_mean, x_parallel_mean, y_parallel_mean   factorization.model
//   persistence_exact (1: the threshold reached the enclosing radius), persistence_threshold,
//   n_landmarks                                               persistence
//   n_features, seconds (the cell's analysis time)
const std::vector<std::string>& map_columns();

struct MapCell {
  std::string block;
  int t = 0;
  std::vector<double> values;  // [map_columns().size()], NaN = not measured
  double value(const std::string& column) const;  // NaN for an unknown column
};

// The cell of (block, t) from analyze_representations' JSON.
MapCell map_cell(const std::string& block, int t, const Json& analysis);

// map.csv (block, t, map_columns(); an empty cell for a missing value) and map.json (`meta` plus
// "columns" and "cells" [{block, t, <column>: value or null}]) into out_dir. Atomic.
void write_map(const std::string& out_dir, const std::vector<MapCell>& cells, const Json& meta);

// The folder of one cell's analysis files inside the map folder: cells/<block>_t<t, 4 digits>.
std::string map_cell_dir(const std::string& map_dir, const std::string& block, int t);

}  // namespace factorlab
