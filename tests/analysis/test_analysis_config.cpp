// tests/analysis/test_analysis_config.cpp — AnalysisConfig (analysis/analysis_config.h): defaults,
// --set analysis.* overrides into the nested sections, and bad values / unknown keys named with
// their full "analysis.<section>.<key>" path; the resolved TOML reads back to the same config.
#include <gtest/gtest.h>

#include <string>

#include "factorlab/analysis/analysis_config.h"
#include "factorlab/core/error.h"

#include "../support/expect_error.h"

namespace factorlab {
namespace {

using test_support::expect_input_error;

TEST(AnalysisConfig, Defaults) {
  const AnalysisConfig c;
  EXPECT_EQ(c.pca.k, 10);
  EXPECT_EQ(c.persistence.betti_fraction, kAnalysisBettiFraction);
  EXPECT_EQ(c.persistence.max_points, kDefaultMaxPoints);
  EXPECT_EQ(c.persistence.betti_rule, BettiRule::Band);
  EXPECT_EQ(c.persistence.engine, PersistenceEngine::Ripser);
  EXPECT_EQ(c.persistence.pca_dims, 0);
  EXPECT_EQ(c.persistence.max_dim, 2);
  EXPECT_EQ(c.factorization.k, 2);
  EXPECT_EQ(c.umap_dims, (std::vector<int>{2, 3}));
  EXPECT_TRUE(c.persistence_enabled);
  EXPECT_NO_THROW(c.validate());
  EXPECT_NO_THROW(analysis_config_from_overrides({}));
}

TEST(AnalysisConfig, OverridesReachTheSections) {
  const AnalysisConfig c = analysis_config_from_overrides(
      {"analysis.pca.k=3", "analysis.persistence.betti_fraction=0.25", "analysis.umap.n_neighbors=10",
       "analysis.factorization.k=1", "analysis.umap_dims=[2]", "analysis.persistence.threshold_mode=enclosing",
       "analysis.pca.method=gram", "analysis.persistence_enabled=false", "analysis.persistence.pca_dims=3",
       "analysis.persistence.engine=gudhi", "analysis.persistence.betti_rule=gap"});
  EXPECT_EQ(c.pca.k, 3);
  EXPECT_EQ(c.pca.method, PcaMethod::Gram);
  EXPECT_EQ(c.persistence.betti_fraction, 0.25);
  EXPECT_EQ(c.persistence.threshold_mode, ThresholdMode::Enclosing);
  EXPECT_EQ(c.persistence.pca_dims, 3);
  EXPECT_EQ(c.persistence.engine, PersistenceEngine::Gudhi);
  EXPECT_EQ(c.persistence.betti_rule, BettiRule::Gap);
  EXPECT_EQ(c.umap.n_neighbors, 10);
  EXPECT_EQ(c.factorization.k, 1);
  EXPECT_EQ(c.umap_dims, (std::vector<int>{2}));
  EXPECT_FALSE(c.persistence_enabled);
  // The resolved TOML reads back to the same values.
  toml::table t = parse_toml(to_toml(c), "resolved");
  AnalysisConfig back;
  ConfigReader r(t["analysis"].as_table(), "analysis");
  back.visit(r);
  r.finish();
  EXPECT_EQ(back.pca.k, 3);
  EXPECT_EQ(back.persistence.betti_fraction, 0.25);
  EXPECT_EQ(back.persistence.pca_dims, 3);
  EXPECT_EQ(back.umap_dims, (std::vector<int>{2}));
}

TEST(AnalysisConfig, BadValuesNameTheKey) {
  const std::pair<std::string, std::string> cases[] = {
      {"analysis.pca.k=-1", "analysis.pca.k = -1"},
      {"analysis.persistence.betti_fraction=1.5", "analysis.persistence.betti_fraction = 1.5"},
      {"analysis.persistence.max_points=1", "analysis.persistence.max_points = 1"},
      {"analysis.persistence.band_alpha=0", "analysis.persistence.band_alpha = 0 is out of range"},
      {"analysis.persistence.band_alpha=1", "analysis.persistence.band_alpha = 1 is out of range"},
      {"analysis.persistence.band_resamples=5", "analysis.persistence.band_resamples = 5 is out of range"},
      {"analysis.persistence.engine=dionysus",
       "analysis.persistence.engine = 'dionysus' is not allowed (allowed: ripser, gudhi)"},
      {"analysis.persistence.betti_rule=median",
       "analysis.persistence.betti_rule = 'median' is not allowed (allowed: band, gap, fraction)"},
      {"analysis.persistence.band_method=jackknife",
       "analysis.persistence.band_method = 'jackknife' is not allowed (allowed: bootstrap, subsample)"},
      {"analysis.persistence.pca_dims=-1", "analysis.persistence.pca_dims = -1"},
      {"analysis.factorization.k=0", "analysis.factorization.k = 0"},
      {"analysis.umap.n_neighbors=1", "analysis.umap.n_neighbors = 1"},
      {"analysis.umap.min_dist=5", "analysis.umap.min_dist = 5"},
      {"analysis.umap_dims=[4]", "analysis.umap_dims contains 4 (allowed: 2, 3)"},
      {"analysis.umap_dims=[2, 2]", "analysis.umap_dims must list 2 and/or 3 at most once each"},
      {"analysis.pca.method=svd", "analysis.pca.method = 'svd' is not allowed (allowed: auto, covariance, gram)"},
      {"analysis.pca.kk=3", "unknown config key 'analysis.pca.kk'"},
      {"analysis.colour=1", "unknown config key 'analysis.colour'"},
      {"analysis.pca.k=abc", "analysis.pca.k"},
      {"pca.k=3", "analyze takes analysis.<key>=value"},
  };
  for (const auto& [set, want] : cases) expect_input_error([&] { analysis_config_from_overrides({set}); }, want);
}

}  // namespace
}  // namespace factorlab
