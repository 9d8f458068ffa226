// factorlab/analysis/analysis_config.h — AnalysisConfig: the settings of every analysis that
// `factorlab analyze` runs on a representation (docs/design.md 7), one sub-table per analysis:
//   analysis.pca.*, analysis.factorization.*, analysis.persistence.*, analysis.umap.*
// plus which UMAP embeddings to draw. Keys are set with `--set analysis.section.key=value`.
// Plain C++ (no LibTorch). Deliberately not here: the analyses themselves (the analysis module)
// or the probe (probe_config.h).
#pragma once
#include <string>
#include <vector>

#include "factorlab/analysis/factorization_config.h"
#include "factorlab/analysis/pca_config.h"
#include "factorlab/analysis/persistence_config.h"
#include "factorlab/analysis/umap_config.h"
#include "factorlab/core/config.h"

namespace factorlab {

struct PcaSettings {
  int k = 10;                         // components kept (directions and projections computed)
  PcaMethod method = PcaMethod::Auto;

  template <class V> void visit(V& v) {
    v("k", k);
    v("method", method, kPcaMethodNames);
  }
};

// The fraction rule's default for representations (persistence.betti_rule = fraction; the default
// rule is the confidence band, betti_rules.h): 0.4 of the reference death, not the persistence
// module's 0.1. Measured with the gudhi engine on 1024-point 32 x 32 torus grids in R^1024 (400
// landmarks; docs/analysis.md): the H0 bars of the landmark spacing reach 0.25 (Clifford torus) and
// 0.32 (3D torus, denser on its inner side) of the reference death, the real H1 / H2 bars are at
// least 0.64 / 0.56 of it, and the spurious H1 / H2 bars at most 0.19 / 0.05. So 0.1 counts all 400
// landmarks as components, 0.3 still 37-43 on the 3D torus, and 0.4 (near the middle of the gap)
// gives (1, 2, 1) on every one of them. It is tuned on ideal tori: on the coarse 16 x 16 3D torus no
// fraction gives (1, 2, 1), which is why the band (a scale measured on the data) replaced it.
constexpr double kAnalysisBettiFraction = 0.4;

// analysis.persistence.*: the persistence module's settings plus one that belongs to the analysis,
// a second reading after PCA. pca_dims = 0: off; k > 0: persistent homology also of the projections
// on the top k principal directions ("persistence_pca" in analysis.json). k above the
// representation's feature count is an InputError raised when that count is known (analyze).
struct PersistenceSettings : PersistenceConfig {
  int pca_dims = 0;

  template <class V> void visit(V& v) {
    PersistenceConfig::visit(v);
    v("pca_dims", pca_dims);
  }
};

struct AnalysisConfig {
  PcaSettings pca;
  FactorizationConfig factorization;
  PersistenceSettings persistence = [] {
    PersistenceSettings p;
    p.betti_fraction = kAnalysisBettiFraction;
    return p;
  }();
  UmapConfig umap;                    // umap.n_components is replaced by each entry of umap_dims
  std::vector<int> umap_dims{2, 3};   // embeddings drawn: umap.csv (2) and umap3d.csv (3); [] for none
  bool persistence_enabled = true;    // false: no persistent homology (persistence.csv is not written)

  template <class V> void visit(V& v) {
    v("umap_dims", umap_dims);
    v("persistence_enabled", persistence_enabled);
    v("pca", pca);
    v("factorization", factorization);
    v("persistence", persistence);
    v("umap", umap);
  }
  // InputError naming "analysis.<section>.<key>", the value and what is allowed.
  void validate() const;
};

// An AnalysisConfig from `--set analysis.key=value` overrides (each must start with "analysis.");
// unknown keys and wrong types are errors naming the key. Validated.
AnalysisConfig analysis_config_from_overrides(const std::vector<std::string>& overrides);
// The resolved config as TOML text under [analysis] (every default explicit).
std::string to_toml(const AnalysisConfig& config);

}  // namespace factorlab
