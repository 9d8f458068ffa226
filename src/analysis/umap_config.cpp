// factorlab/analysis/umap_config.cpp — see umap_config.h.
#include "factorlab/analysis/umap_config.h"

#include <string>

#include "factorlab/core/error.h"

namespace factorlab {

void UmapConfig::validate(const std::string& key) const {
  require(n_components == 2 || n_components == 3,
          key + ".n_components = " + std::to_string(n_components) + " is not allowed (allowed: 2, 3)");
  check_range(key + ".n_neighbors", n_neighbors, 2, 1000);
  check_range(key + ".spread", spread, 1e-3, 1e3);
  check_range(key + ".min_dist", min_dist, 0.0, spread);
  check_range(key + ".n_epochs", n_epochs, 0, 1000000);
  check_range(key + ".threads", threads, 1, 1024);
  check_range(key + ".knn_exact_max_points", knn_exact_max_points, 0, 1e9);
  check_range(key + ".learning_rate", learning_rate, 1e-6, 1e3);
  check_range(key + ".negative_sample_rate", negative_sample_rate, 1e-3, 1e3);
  check_range(key + ".repulsion_strength", repulsion_strength, 0.0, 1e3);
}


}  // namespace factorlab
