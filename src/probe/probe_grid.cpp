// factorlab/probe/probe_grid.cpp — see probe_grid.h.
#include "factorlab/probe/probe_grid.h"

#include <string>
#include <vector>

#include "factorlab/core/error.h"
#include "factorlab/data/condition_grid.h"

namespace factorlab {

Points probe_grid_labels(int N, int grid, bool periodic) {
  require(N >= 1, "probe: image side N = " + std::to_string(N) + " must be positive");
  require(grid >= 1, "probe: grid = " + std::to_string(grid) + " must be positive");
  const std::vector<double> flat = condition_grid_labels(N, grid, periodic);  // [grid^2, 2] row-major
  Points labels(static_cast<Eigen::Index>(grid) * grid, 2);
  for (Eigen::Index r = 0; r < labels.rows(); ++r) {
    labels(r, 0) = flat[static_cast<std::size_t>(2 * r)];
    labels(r, 1) = flat[static_cast<std::size_t>(2 * r + 1)];
  }
  return labels;
}

}  // namespace factorlab
