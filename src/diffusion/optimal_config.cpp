// factorlab/diffusion/optimal_config.cpp — see optimal_config.h.
#include "factorlab/diffusion/optimal_config.h"

#include <cmath>

namespace factorlab {

void OptimalConfig::validate() const {
  // Checked whatever the kernel, so a config that switches to gaussian later is already sound.
  require(std::isfinite(bandwidth) && bandwidth > 0,
          "optimal.bandwidth = " + format_number(bandwidth) + " must be a positive number of pixels");
}

}  // namespace factorlab
