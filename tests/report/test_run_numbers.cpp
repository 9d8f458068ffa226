// tests/report/test_run_numbers.cpp — a run's numbers from results.json, and from the stage files
// when results.json lacks them; missing means absent, never 0.
#include <gtest/gtest.h>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/report/run_numbers.h"
#include "synthetic.h"

namespace factorlab {
namespace {

TEST(RunNumbers, FromStageFiles) {
  const std::string run = testing::fresh_dir("numbers-files");
  testing::write_factorization_run(run);
  const Numbers n = collect_run_numbers(run);
  EXPECT_DOUBLE_EQ(*lookup(n, "eval.all.joint"), 0.97);
  EXPECT_DOUBLE_EQ(*lookup(n, "eval.id.x"), 0.99);
  EXPECT_DOUBLE_EQ(*lookup(n, "eval.step"), 400);
  EXPECT_DOUBLE_EQ(*lookup(n, "probe.participation_ratio"), 6.5);
  EXPECT_DOUBLE_EQ(*lookup(n, "probe.explained_2"), 0.25);
  EXPECT_DOUBLE_EQ(*lookup(n, "probe.betti1"), 2);
  EXPECT_DOUBLE_EQ(*lookup(n, "probe.torus_3d.x_on_y_mean"), 0.5);
  EXPECT_DOUBLE_EQ(*lookup(n, "data.n_train"), 1024);
  EXPECT_DOUBLE_EQ(*lookup(n, "time.train"), 120);
  EXPECT_FALSE(lookup(n, "time.report"));  // a skipped stage has no seconds
  EXPECT_DOUBLE_EQ(*lookup(n, "train.steps"), 400);  // the last metrics line
  EXPECT_DOUBLE_EQ(*lookup(n, "train.last_loss"), 1.0 / 400);
  EXPECT_FALSE(lookup(n, "eval.ood.joint"));  // not measured is absent, not 0
}

TEST(RunNumbers, ResultsJsonWinsAndNullsAreAbsent) {
  const std::string run = testing::fresh_dir("numbers-results");
  testing::write_factorization_run(run);
  write_json(run + "/results.json", Json{{"eval.all.joint", 0.5}, {"eval.ood.joint", nullptr}, {"custom", true}, {"s", "x"}});
  const Numbers n = collect_run_numbers(run);
  EXPECT_DOUBLE_EQ(*lookup(n, "eval.all.joint"), 0.5);
  EXPECT_FALSE(lookup(n, "eval.ood.joint"));
  EXPECT_DOUBLE_EQ(*lookup(n, "custom"), 1.0);
  EXPECT_FALSE(lookup(n, "s"));
  EXPECT_DOUBLE_EQ(*lookup(n, "probe.betti0"), 1);  // filled from analysis.json
}

// Every factorization statistic is read as _mean, _std and _count for each source; a null mean (a
// statistic without values) is absent, its count still there.
TEST(RunNumbers, FactorizationStatisticsMeanStdCount) {
  const std::string run = testing::fresh_dir("numbers-factorization");
  auto stat = [](Json mean, double std, int count) { return Json{{"mean", mean}, {"std", std}, {"count", count}}; };
  Json fact = Json::object();
  fact["model"] = {{"x_opposite", stat(-0.05, 0.1, 512)}, {"y_curve_pr", stat(21.5, 2.0, 32)},
                   {"x_on_y", stat(nullptr, 0, 0)}};
  fact["clifford_torus"] = {{"x_opposite", stat(-1.0, 0.0, 512)}};
  write_json(run + "/analysis/analysis.json", Json{{"factorization", fact}});
  const Numbers n = collect_run_numbers(run);
  EXPECT_DOUBLE_EQ(*lookup(n, "probe.model.x_opposite_mean"), -0.05);
  EXPECT_DOUBLE_EQ(*lookup(n, "probe.model.x_opposite_std"), 0.1);
  EXPECT_DOUBLE_EQ(*lookup(n, "probe.model.x_opposite_count"), 512);
  EXPECT_DOUBLE_EQ(*lookup(n, "probe.model.y_curve_pr_mean"), 21.5);
  EXPECT_DOUBLE_EQ(*lookup(n, "probe.clifford_torus.x_opposite_mean"), -1.0);
  EXPECT_FALSE(lookup(n, "probe.model.x_on_y_mean"));
  EXPECT_DOUBLE_EQ(*lookup(n, "probe.model.x_on_y_count"), 0);
  EXPECT_FALSE(lookup(n, "probe.torus_3d.x_opposite_mean"));
}

// The persistence block of analysis.json (analysis/persistence.h to_json): every rule's Betti
// numbers, the band, the top persistences, and the PCA reading.
TEST(RunNumbers, PersistenceRulesBandAndPcaReading) {
  const std::string run = testing::fresh_dir("numbers-persistence");
  make_dirs(run + "/analysis");
  const Json h{{"betti", {1, 2, 0}},
               {"betti_rule", "band"},
               {"rules",
                {{"band", {{"betti", {1, 2, 0}}, {"c", 0.5}, {"two_c", 1.0}}},
                 {"gap", {{"betti", {1, 2, 1}}}},
                 {"fraction", {{"betti", {256, 17, 1}}, {"fraction", 0.4}}}}},
               {"top_persistence", {{4.0, 0.39}, {1.46, 1.45, 0.83}, {0.65}}}};
  write_json(run + "/analysis/analysis.json", Json{{"persistence", h}, {"persistence_pca", {{"betti", {1, 2, 1}}}}});
  const Numbers n = collect_run_numbers(run);
  EXPECT_EQ(*lookup(n, "probe.betti2"), 0);  // the chosen rule's
  EXPECT_EQ(*lookup(n, "probe.band_c"), 0.5);
  EXPECT_EQ(*lookup(n, "probe.band_2c"), 1.0);
  EXPECT_EQ(*lookup(n, "probe.gap_betti2"), 1);
  EXPECT_EQ(*lookup(n, "probe.fraction_betti0"), 256);
  EXPECT_EQ(*lookup(n, "probe.pca_betti2"), 1);
  EXPECT_EQ(*lookup(n, "probe.h1_persistence_1"), 1.46);
  EXPECT_EQ(*lookup(n, "probe.h1_persistence_3"), 0.83);
  EXPECT_EQ(*lookup(n, "probe.h2_persistence_1"), 0.65);
  EXPECT_FALSE(lookup(n, "probe.h2_persistence_2"));  // fewer bars: absent
  EXPECT_FALSE(lookup(n, "probe.h0_persistence_3"));
}

TEST(RunNumbers, EmptyFolderAndBadJson) {
  const std::string run = testing::fresh_dir("numbers-empty");
  EXPECT_TRUE(collect_run_numbers(run).empty());
  write_file_atomic(run + "/eval.json", "{not json");
  EXPECT_THROW(collect_run_numbers(run), InputError);
}

TEST(RunNumbers, Formatting) {
  EXPECT_EQ(format_value(std::nullopt), "not measured");
  EXPECT_EQ(format_value(7.0), "7");
  EXPECT_EQ(format_value(0.12345), "0.1235");
  EXPECT_EQ(format_percent(0.953), "95.3 %");
  EXPECT_EQ(format_percent(std::nullopt), "not measured");
}

}  // namespace
}  // namespace factorlab
