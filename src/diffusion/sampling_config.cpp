// factorlab/diffusion/sampling_config.cpp — see sampling_config.h.
#include "factorlab/diffusion/sampling_config.h"

namespace factorlab {

void SampleConfig::validate(const std::string& section, int T) const {
  check_range(section + ".steps", steps, 1, T > 0 ? T : 100000);
  check_range(section + ".eta", eta, 0, 1);
  check_range(section + ".batch_size", batch_size, 1, 1 << 20);
}

}  // namespace factorlab
