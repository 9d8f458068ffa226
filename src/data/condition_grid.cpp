// factorlab/data/condition_grid.cpp — see condition_grid.h.
#include "factorlab/data/condition_grid.h"

#include <string>

#include "factorlab/core/error.h"

namespace factorlab {

std::vector<double> condition_grid_labels(int N, int grid, bool periodic) {
  require(N >= 1, "condition grid: image side N = " + std::to_string(N) + " must be positive");
  require(grid >= 1, "condition grid: grid = " + std::to_string(grid) + " must be positive");
  const double step = periodic ? static_cast<double>(N) / grid : (grid > 1 ? (N - 1.0) / (grid - 1) : 0.0);
  const double offset = periodic || grid > 1 ? 0.0 : (N - 1) / 2.0;
  std::vector<double> labels;
  labels.reserve(static_cast<std::size_t>(grid) * grid * 2);
  for (int j = 0; j < grid; ++j)
    for (int i = 0; i < grid; ++i) {
      labels.push_back(offset + i * step);
      labels.push_back(offset + j * step);
    }
  return labels;
}

}  // namespace factorlab
