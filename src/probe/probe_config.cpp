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

}  // namespace factorlab
