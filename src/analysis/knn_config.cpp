// factorlab/analysis/knn_config.cpp — see knn_config.h.
#include "factorlab/analysis/knn_config.h"

#include "factorlab/core/error.h"

namespace factorlab {

void KnnConfig::validate(const std::string& key) const {
  check_range(key + ".exact_max_points", exact_max_points, 0, 1e9);
  check_range(key + ".hnsw_m", hnsw_m, 2, 512);
  check_range(key + ".hnsw_ef_construction", hnsw_ef_construction, 1, 100000);
  check_range(key + ".hnsw_ef_search", hnsw_ef_search, 1, 100000);
  check_range(key + ".threads", threads, 1, 1024);
}


}  // namespace factorlab
