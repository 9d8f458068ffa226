// factorlab/probe/probe_grid.h — the lattice of conditions a probe reads the network on, as points
// (analysis/points.h). Plain C++ on Eigen (no LibTorch): labels can be rebuilt without the network.
#pragma once
#include "factorlab/analysis/points.h"

namespace factorlab {

// The grid x grid lattice of conditions over the frame (data/condition_grid.h), as [grid^2, 2] points.
Points probe_grid_labels(int N, int grid, bool periodic);

}  // namespace factorlab
