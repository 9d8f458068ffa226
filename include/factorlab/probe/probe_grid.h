// factorlab/probe/probe_grid.h — the lattice of conditions a probe reads the network on, as points
// (analysis/points.h). Plain C++ on Eigen (no LibTorch): labels can be rebuilt without the network.
#pragma once
#include "factorlab/analysis/points.h"

namespace factorlab {

// The grid x grid lattice of conditions over the frame, x fastest (row j * grid + i): on a torus
// mu = i N / grid (as analysis/tori.h grid_labels), otherwise spread evenly over [0, N - 1] (the
// centre for grid = 1). The same lattice as sample/generate.h condition_grid. [grid^2, 2].
Points probe_grid_labels(int N, int grid, bool periodic);

}  // namespace factorlab
