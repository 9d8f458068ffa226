// factorlab/analysis/knn_config.h — the settings of the kNN search (knn.h): exact or HNSW, and
// HNSW's graph parameters. Plain C++ without Eigen, so configs that embed it (umap_config.h,
// analysis/analysis_config.h) build where the analysis itself is left out (docs/gpu.md).
#pragma once
#include <cstdint>
#include <string>

#include "factorlab/core/config.h"

namespace factorlab {

enum class KnnMethod { Exact, Hnsw, Auto };
inline const EnumNames<KnnMethod> kKnnMethodNames = {
    {"exact", KnnMethod::Exact}, {"hnsw", KnnMethod::Hnsw}, {"auto", KnnMethod::Auto}};

struct KnnConfig {
  KnnMethod method = KnnMethod::Auto;
  int exact_max_points = 2048;    // auto: exact when n <= this, HNSW above
  int hnsw_m = 16;                // links per node (hnswlib M)
  int hnsw_ef_construction = 200;
  int hnsw_ef_search = 100;       // raised to k + 1 when smaller
  std::int64_t seed = 0;          // HNSW level generator
  // Worker threads. Exact kNN and HNSW queries give the same result for any count; HNSW *insertion*
  // with threads > 1 is concurrent, so its graph (hence, rarely, a neighbour) may differ run to run.
  int threads = 1;

  template <class V> void visit(V& v) {
    v("method", method, kKnnMethodNames);
    v("exact_max_points", exact_max_points);
    v("hnsw_m", hnsw_m);
    v("hnsw_ef_construction", hnsw_ef_construction);
    v("hnsw_ef_search", hnsw_ef_search);
    v("seed", seed);
    v("threads", threads);
  }
  void validate(const std::string& key = "knn") const;
};

}  // namespace factorlab
