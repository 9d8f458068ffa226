// factorlab/analysis/umap_config.h — the settings of the UMAP embedding (umap.h). Plain C++
// without Eigen, so configs that embed it build where the analysis itself is left out (docs/gpu.md).
#pragma once
#include <cstdint>
#include <string>

#include "factorlab/analysis/knn_config.h"
#include "factorlab/core/config.h"

namespace factorlab {

enum class UmapInit { Spectral, Pca };
inline const EnumNames<UmapInit> kUmapInitNames = {{"spectral", UmapInit::Spectral}, {"pca", UmapInit::Pca}};

struct UmapConfig {
  int n_components = 2;      // 2 or 3
  int n_neighbors = 15;      // the point itself included; clamped to n
  double min_dist = 0.1;
  double spread = 1.0;
  int n_epochs = 0;          // 0: 500 for n <= 10,000 points, else 200 (umap-learn)
  UmapInit init = UmapInit::Spectral;
  std::int64_t seed = 0;
  int threads = 1;
  KnnMethod knn = KnnMethod::Auto;
  int knn_exact_max_points = 2048;  // auto: exact kNN up to this many points, HNSW above
  double learning_rate = 1.0;
  double negative_sample_rate = 5.0;
  double repulsion_strength = 1.0;  // gamma

  template <class V> void visit(V& v) {
    v("n_components", n_components);
    v("n_neighbors", n_neighbors);
    v("min_dist", min_dist);
    v("spread", spread);
    v("n_epochs", n_epochs);
    v("init", init, kUmapInitNames);
    v("seed", seed);
    v("threads", threads);
    v("knn", knn, kKnnMethodNames);
    v("knn_exact_max_points", knn_exact_max_points);
    v("learning_rate", learning_rate);
    v("negative_sample_rate", negative_sample_rate);
    v("repulsion_strength", repulsion_strength);
  }
  void validate(const std::string& key = "umap") const;
};

}  // namespace factorlab
