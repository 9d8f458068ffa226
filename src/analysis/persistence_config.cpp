// factorlab/analysis/persistence_config.cpp — see persistence_config.h.
#include "factorlab/analysis/persistence_config.h"

#include <cmath>
#include <string>

#include "factorlab/core/error.h"

namespace factorlab {

void PersistenceConfig::validate() const {
  check_range("persistence.max_points", max_points, 2, 5000);
  check_range("persistence.max_dim", max_dim, 0, 3);
  if (threshold_mode == ThresholdMode::Absolute) {
    require(engine == PersistenceEngine::Gudhi,
            "persistence.threshold_mode = absolute needs persistence.engine = gudhi (the ripser engine always "
            "computes the whole filtration)");
    require(std::isfinite(threshold) && threshold > 0,
            "persistence.threshold = " + format_number(threshold) +
                " must be a positive finite edge length when persistence.threshold_mode = absolute");
  }
  check_range("persistence.max_simplices", static_cast<double>(max_simplices), 1000, 2e9);
  require(betti_fraction > 0 && betti_fraction < 1, "persistence.betti_fraction = " + format_number(betti_fraction) +
                                                        " is out of range (allowed: 0 < fraction < 1)");
  require(band_alpha > 0 && band_alpha < 1,
          "persistence.band_alpha = " + format_number(band_alpha) + " is out of range (allowed: 0 < alpha < 1)");
  require((band_resamples >= 10 && band_resamples <= 100000) || (band_resamples == 0 && betti_rule != BettiRule::Band),
          "persistence.band_resamples = " + std::to_string(band_resamples) +
              " is out of range (allowed: 10 .. 100000, or 0 = no band when persistence.betti_rule is gap or fraction; "
              "fewer resamples give no usable quantile)");
  require(band_subsample_fraction > 0 && band_subsample_fraction <= 1,
          "persistence.band_subsample_fraction = " + format_number(band_subsample_fraction) +
              " is out of range (allowed: 0 < fraction <= 1)");
  check_range("persistence.threads", threads, 0, 1024);
  require(seed >= 0, "persistence.seed = " + std::to_string(seed) + " must be >= 0");
}


}  // namespace factorlab
