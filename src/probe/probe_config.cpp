// factorlab/probe/probe_config.cpp — see probe_config.h.
#include "factorlab/probe/probe_config.h"

#include "factorlab/core/error.h"

namespace factorlab {

void ProbeConfig::validate() const {
  require(t >= -1, "probe.t = " + std::to_string(t) + " is out of range (allowed: -1 for T/2, or 0 .. T-1)");
  check_range("probe.grid", grid, 0, 512);
  check_range("probe.seeds", seeds, 1, 1024);
  require(seed >= 0, "probe.seed = " + std::to_string(seed) + " must be >= 0");
  check_range("probe.batch_size", batch_size, 1, 1 << 20);
}

int ProbeConfig::resolved_t(int T) const {
  require(T >= 1, "probe: the diffusion has T = " + std::to_string(T) + " steps");
  const int r = t < 0 ? T / 2 : t;
  require(r < T, "probe.t = " + std::to_string(t) + " is out of range (allowed: -1 for T/2, or 0 .. " +
                     std::to_string(T - 1) + " for T = " + std::to_string(T) + ")");
  return r;
}

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
