// factorlab/probe/probe_grid.cpp — see probe_grid.h.
#include "factorlab/probe/probe_grid.h"

#include <string>

#include "factorlab/core/error.h"

namespace factorlab {

Points probe_grid_labels(int N, int grid, bool periodic) {
  require(N >= 1, "probe: image side N = " + std::to_string(N) + " must be positive");
  require(grid >= 1, "probe: grid = " + std::to_string(grid) + " must be positive");
  const double step = periodic ? static_cast<double>(N) / grid : (grid > 1 ? (N - 1.0) / (grid - 1) : 0.0);
  const double offset = periodic || grid > 1 ? 0.0 : (N - 1) / 2.0;
  Points labels(static_cast<Eigen::Index>(grid) * grid, 2);
  for (int j = 0; j < grid; ++j)
    for (int i = 0; i < grid; ++i) {
      const Eigen::Index r = static_cast<Eigen::Index>(j) * grid + i;
      labels(r, 0) = offset + i * step;
      labels(r, 1) = offset + j * step;
    }
  return labels;
}

}  // namespace factorlab
