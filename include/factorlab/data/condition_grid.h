// factorlab/data/condition_grid.h — the grid x grid lattice of conditions (mu_x, mu_y) over an N x N
// frame, x fastest (row j * grid + i): on a torus mu = i N / grid (as analysis/tori.h grid_labels),
// otherwise spread evenly over [0, N - 1] (the centre for grid = 1). The one definition of the
// lattice that the sample stage draws (sample/generate.h) and the probe reads (probe/probe_grid.h).
#pragma once
#include <vector>

namespace factorlab {

// [grid^2, 2] row-major. InputError when N or grid is below 1.
std::vector<double> condition_grid_labels(int N, int grid, bool periodic);

}  // namespace factorlab
