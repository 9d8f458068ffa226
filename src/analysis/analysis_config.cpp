// factorlab/analysis/analysis_config.cpp — see analysis_config.h.
#include "factorlab/analysis/analysis_config.h"

#include <functional>

#include "factorlab/core/error.h"

namespace factorlab {

namespace {
// The analysis module names its keys "factorization.k", "persistence.max_points", ...; here they
// live under "analysis.", so the message is given the full key the user sets.
void with_prefix(const std::function<void()>& check) {
  try {
    check();
  } catch (const InputError& e) {
    throw InputError(std::string("analysis.") + e.what());
  }
}
}  // namespace

void AnalysisConfig::validate() const {
  check_range("analysis.pca.k", pca.k, 0, 1000000);
  with_prefix([&] { factorization.validate(); });
  with_prefix([&] { persistence.validate(); });
  check_range("analysis.persistence.pca_dims", persistence.pca_dims, 0, 1000000);
  for (int d : umap_dims) {
    require(d == 2 || d == 3, "analysis.umap_dims contains " + std::to_string(d) + " (allowed: 2, 3)");
    UmapConfig u = umap;
    u.n_components = d;
    with_prefix([&] { u.validate("umap"); });
  }
  require(umap_dims.size() <= 2 && (umap_dims.size() < 2 || umap_dims[0] != umap_dims[1]),
          "analysis.umap_dims must list 2 and/or 3 at most once each");
}

AnalysisConfig analysis_config_from_overrides(const std::vector<std::string>& overrides) {
  toml::table root;
  root.insert("analysis", toml::table{});
  for (const auto& s : overrides) {
    require(s.rfind("analysis.", 0) == 0, "--set '" + s + "': analyze takes analysis.<key>=value (e.g. " +
                                              "analysis.persistence.betti_fraction=0.5)");
    apply_override(root, s);
  }
  AnalysisConfig c;
  ConfigReader r(root["analysis"].as_table(), "analysis");
  c.visit(r);
  r.finish();
  c.validate();
  return c;
}

std::string to_toml(const AnalysisConfig& config) {
  toml::table root;
  root.insert("analysis", write_config(config));
  return to_toml_string(root);
}

}  // namespace factorlab
