// tests/analysis/test_analyze.cpp — analyze_representations (analysis/analyze.h) on a Clifford torus
// sampled on the probe's 16 x 16 grid and rotated into R^40: closed-form PCA (four equal
// eigenvalues: participation ratio 4, each explaining 1/4), Betti numbers (1, 2, 1) by the fraction
// rule at the default betti_fraction (the band's reading beside it), orthogonality 0 and parallelism
// 1 (the 3D torus reference coupled), every output file with the right shape; the fraction rule on
// the 3D torus at N = 32; the second persistence reading after PCA; switching analyses off; bad
// inputs; the tracking series.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>

#include "factorlab/analysis/analyze.h"
#include "factorlab/analysis/tori.h"
#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/npy.h"
#include "factorlab/core/rng.h"

#include "../support/scratch_dir.h"

namespace factorlab {
namespace {

using test_support::scratch_dir;

constexpr double kN = 16;
constexpr double kRound = 1e-9;  // closed-form quantities computed in double


// The Clifford torus at the labels, mapped into R^dim by a random orthonormal 4 x dim frame and
// shifted: distances, the spectrum and every angle are those of the 4D torus.
Points rotated_clifford(const Points& labels, int dim, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::MatrixXd g(dim, 4);
  for (Eigen::Index i = 0; i < g.size(); ++i) g.data()[i] = rng.normal();
  const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(g).householderQ() * Eigen::MatrixXd::Identity(dim, 4);
  Points p = clifford_torus(labels, kN) * q.transpose();
  p.rowwise() += Eigen::RowVectorXd::Constant(dim, 3.0);
  return p;
}

int count_lines(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

TEST(Analyze, CliffordTorusGridGivesTheClosedFormAnswers) {
  const Points labels = grid_labels(16, 16, 16);
  const Points reps = rotated_clifford(labels, 40, 7);
  const std::string dir = scratch_dir("probe", "clifford", false);
  AnalysisConfig c;
  c.persistence.betti_rule = BettiRule::Fraction;  // the rule whose answer is closed-form here
  c.persistence.band_resamples = 10;
  const Json j = analyze_representations(reps, labels, kN, c, dir, ReferenceTorus::Clifford);

  // PCA: cos a, sin a, cos b, sin b over a full period each have the same variance and are
  // uncorrelated, so four equal eigenvalues.
  const Json& s = j["summary"];
  EXPECT_NEAR(s["participation_ratio"].get<double>(), 4.0, kRound);
  EXPECT_EQ(s["n_components_95"].get<int>(), 4);
  ASSERT_EQ(s["top4_explained"].size(), 4u);
  for (const auto& e : s["top4_explained"]) EXPECT_NEAR(e.get<double>(), 0.25, kRound);
  EXPECT_EQ(j["pca"]["numerical_rank"].get<int>(), 4);

  // Persistent homology of the torus.
  EXPECT_EQ(s["betti"].get<std::vector<int>>(), (std::vector<int>{1, 2, 1}));
  EXPECT_EQ(j["persistence"]["betti_fraction"].get<double>(), kAnalysisBettiFraction);
  EXPECT_EQ(j["persistence"]["betti_rule"], "fraction");
  EXPECT_EQ(j["persistence"]["rules"]["fraction"]["betti"], Json({1, 2, 1}));
  EXPECT_EQ(j["persistence"]["rules"]["band"]["betti"][1], 2);  // both loops significant
  EXPECT_FALSE(j.contains("persistence_pca"));

  // Factorized: x-curves orthogonal to y-curves, steps parallel. The 3D torus is not.
  const Json& f = j["factorization"];
  EXPECT_LT(f["model"]["x_on_y"]["mean"].get<double>(), 1e-9);
  EXPECT_NEAR(f["model"]["x_parallel"]["mean"].get<double>(), 1.0, 1e-9);
  EXPECT_NEAR(f["model"]["y_parallel"]["mean"].get<double>(), 1.0, 1e-9);
  EXPECT_NEAR(f["torus_3d"]["x_on_y"]["mean"].get<double>(), 0.5, 1e-9);  // cosines {1, 0} per pair
  EXPECT_LT(f["clifford_torus"]["x_on_y"]["mean"].get<double>(), 1e-9);
  EXPECT_LT(s["x_on_y_mean"].get<double>(), 1e-9);

  // The reference torus by the same code: the ideal Clifford torus at the same labels is this cloud
  // up to a rotation, so the same numbers.
  EXPECT_EQ(j["reference"]["name"], "clifford");
  EXPECT_NEAR(j["reference"]["pca"]["participation_ratio"].get<double>(), 4.0, kRound);
  EXPECT_EQ(j["reference"]["persistence"]["betti"].get<std::vector<int>>(), (std::vector<int>{1, 2, 1}));

  // UMAP diagnostics for both embeddings.
  EXPECT_EQ(j["umap"]["2d"]["n_components"].get<int>(), 2);
  EXPECT_EQ(j["umap"]["3d"]["n_components"].get<int>(), 3);
  EXPECT_GT(j["umap"]["2d"]["trustworthiness_5"].get<double>(), 0.5);

  // Every file, with one row per condition where there is one.
  EXPECT_EQ(read_json(dir + "/analysis.json"), j);
  EXPECT_EQ(count_lines(read_file(dir + "/pca.csv")), 1 + 40);  // header + min(n - 1, dim) eigenvalues
  EXPECT_EQ(read_file(dir + "/pca.csv").substr(0, 45), "component,eigenvalue,explained_ratio,cumulati");
  EXPECT_EQ(count_lines(read_file(dir + "/umap.csv")), 1 + 256);
  EXPECT_EQ(read_file(dir + "/umap.csv").substr(0, 21), "index,mu_x,mu_y,u1,u2");
  EXPECT_EQ(read_file(dir + "/umap3d.csv").substr(0, 24), "index,mu_x,mu_y,u1,u2,u3");
  EXPECT_EQ(read_file(dir + "/persistence.csv").substr(0, 16), "dim,birth,death\n");
  EXPECT_EQ(count_lines(read_file(dir + "/persistence_band.csv")), 2);
  EXPECT_EQ(read_file(dir + "/persistence_band.csv").substr(0, 65),
            "alpha,resamples,method,seed,c,two_c,landmark_margin,significance\n");
  EXPECT_EQ(read_file(dir + "/ortho.csv").substr(0, 30), "statistic,bin_lo,bin_hi,count\n");
  EXPECT_NE(read_file(dir + "/ortho.csv").find("clifford_torus.x_on_y"), std::string::npos);
  const NpyArray proj = read_npy(dir + "/pca_projection.npy");
  EXPECT_EQ(proj.shape, (std::vector<std::int64_t>{256, 3}));
  std::filesystem::remove_all(dir);
}

// The default betti_fraction (analysis_config.h) on the probe's grid at N = 32, where it was measured
// (gudhi engine, 400 landmarks): the 3D torus is sampled unevenly (its inner side 3 times denser), so
// its landmark-spacing H0 bars reach about 0.32 of the reference death; 0.3 counted tens of
// components there, the default must not.
TEST(Analyze, DefaultBettiFractionCountsTheCoupledTorusOnTheN32Grid) {
  const Points labels = grid_labels(32, 32, 32);
  const std::string dir = scratch_dir("probe", "torus3d", false);
  AnalysisConfig c;
  c.umap_dims.clear();
  c.persistence.engine = PersistenceEngine::Gudhi;
  c.persistence.max_points = 400;
  c.persistence.betti_rule = BettiRule::Fraction;
  c.persistence.band_resamples = 0;
  const Json j = analyze_representations(torus_3d(labels, 32), labels, 32, c, dir);
  EXPECT_EQ(j["persistence"]["n_landmarks"].get<int>(), 400);
  EXPECT_EQ(j["summary"]["betti"].get<std::vector<int>>(), (std::vector<int>{1, 2, 1}));
  EXPECT_NEAR(j["factorization"]["model"]["x_on_y"]["mean"].get<double>(), 0.5, 1e-9);  // coupled
  std::filesystem::remove_all(dir);
}

TEST(Analyze, AnalysesCanBeSwitchedOff) {
  const Points labels = grid_labels(8, 8, 8);
  const Points reps = rotated_clifford(labels, 6, 8);
  const std::string dir = scratch_dir("probe", "off", false);
  AnalysisConfig c;
  c.persistence_enabled = false;
  c.umap_dims.clear();
  const Json j = analyze_representations(reps, labels, 8, c, dir, ReferenceTorus::Torus3d);
  EXPECT_TRUE(j["summary"]["betti"].empty());
  EXPECT_FALSE(j.contains("persistence"));
  // A 3D torus has 3 principal directions; no persistence when it is off.
  EXPECT_EQ(j["reference"]["name"], "torus3d");
  EXPECT_EQ(j["reference"]["pca"]["numerical_rank"].get<int>(), 3);
  EXPECT_FALSE(j["reference"].contains("persistence"));
  EXPECT_TRUE(j["umap"].empty());
  for (const char* f : {"analysis.json", "pca.csv", "ortho.csv", "pca_projection.npy"}) EXPECT_TRUE(file_exists(dir + "/" + f)) << f;
  for (const char* f : {"persistence.csv", "umap.csv", "umap3d.csv"}) EXPECT_FALSE(file_exists(dir + "/" + f)) << f;
  std::filesystem::remove_all(dir);
}

// persistence.pca_dims: a second reading on the top principal directions, the same structure.
TEST(Analyze, PersistenceAfterPca) {
  const Points labels = grid_labels(8, 8, 8);
  const Points reps = rotated_clifford(labels, 6, 10);
  const std::string dir = scratch_dir("probe", "pca", false);
  AnalysisConfig c;
  c.umap_dims.clear();
  c.persistence.band_resamples = 10;
  c.persistence.pca_dims = 4;
  const Json j = analyze_representations(reps, labels, 8, c, dir);
  ASSERT_TRUE(j.contains("persistence_pca"));
  EXPECT_EQ(j["persistence_pca"]["pca_dims"], 4);
  EXPECT_EQ(j["persistence_pca"]["n_features"], 4);
  EXPECT_NEAR(j["persistence_pca"]["pca_explained"].get<double>(), 1.0, 1e-9);  // the torus spans 4 directions
  for (const char* key : {"betti", "betti_rule", "rules", "top_persistence", "pairs"})
    EXPECT_TRUE(j["persistence_pca"].contains(key)) << key;
  // A rotation and a shift keep every distance: the same diagram up to round-off.
  ASSERT_EQ(j["persistence_pca"]["pairs"].size(), j["persistence"]["pairs"].size());
  EXPECT_EQ(j["persistence_pca"]["betti"], j["persistence"]["betti"]);
  for (const char* f : {"persistence_pca.csv", "persistence_pca_band.csv"}) EXPECT_TRUE(file_exists(dir + "/" + f)) << f;
  c.persistence.pca_dims = 7;  // more than the 6 features
  try {
    analyze_representations(reps, labels, 8, c, dir);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("analysis.persistence.pca_dims = 7 is more than the 6 features"),
              std::string::npos)
        << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(Analyze, BadInputsAreInputErrors) {
  const Points labels = grid_labels(4, 4, 8);
  const Points reps = rotated_clifford(labels, 6, 9);
  AnalysisConfig c;
  c.umap_dims.clear();
  c.persistence_enabled = false;
  const std::string dir = scratch_dir("probe", "bad", false);
  EXPECT_THROW(analyze_representations(reps.topRows(15), labels, 8, c, dir), InputError);
  Points holes = labels;
  holes(3, 0) = 0.0;  // (0, 0) twice, (6, 0) missing
  EXPECT_THROW(analyze_representations(reps, holes, 8, c, dir), InputError);
  Points nan = reps;
  nan(0, 0) = std::nan("");
  EXPECT_THROW(analyze_representations(nan, labels, 8, c, dir), InputError);
  EXPECT_THROW(analyze_representations(reps, labels, 0, c, dir), InputError);
  c.pca.k = -1;
  EXPECT_THROW(analyze_representations(reps, labels, 8, c, dir), InputError);
  std::filesystem::remove_all(dir);
}

TEST(Track, JointAccuracyComesFromTheEvalRowOfThatStep) {
  const std::vector<Json> metrics = {
      Json{{"step", 50}, {"loss", 0.5}},
      Json{{"step", 100}, {"loss", 0.4}, {"eval", {{"all", {{"joint_accuracy", 0.75}}}}}},
      Json{{"step", 150}, {"eval", {{"id", {{"joint_accuracy", 0.5}}}}}},
  };
  EXPECT_FALSE(joint_accuracy_at(metrics, 50).has_value());
  EXPECT_EQ(joint_accuracy_at(metrics, 100).value(), 0.75);
  EXPECT_FALSE(joint_accuracy_at(metrics, 150).has_value());  // no "all" group
  EXPECT_FALSE(joint_accuracy_at(metrics, 200).has_value());
}

TEST(Track, SeriesFilesHoldOneRowPerCheckpoint) {
  const Json analysis{{"summary",
                       {{"participation_ratio", 4.5},
                        {"n_components_95", 6},
                        {"top4_explained", {0.5, 0.25, 0.125, 0.0625}},
                        {"betti", {1, 2, 1}}}}};
  const Json short_analysis{{"summary",
                             {{"participation_ratio", 1.0},
                              {"n_components_95", 1},
                              {"top4_explained", {1.0}},
                              {"betti", Json::array()}}}};
  const std::vector<TrackRow> rows = {track_row(100, analysis, 0.75), track_row(200, short_analysis, std::nullopt)};
  const std::string dir = scratch_dir("probe", "track", false);
  write_track(dir, rows, Json{{"layer", "mid"}});
  EXPECT_EQ(read_file(dir + "/track.csv"),
            "step,joint_accuracy,participation_ratio,n_components_95,explained_1,explained_2,explained_3,explained_4,"
            "betti0,betti1,betti2\n"
            "100,0.75,4.5,6,0.5,0.25,0.125,0.0625,1,2,1\n"
            "200,,1,1,1,,,,,,\n");
  const Json j = read_json(dir + "/track.json");
  EXPECT_EQ(j["layer"], "mid");
  ASSERT_EQ(j["rows"].size(), 2u);
  EXPECT_EQ(j["rows"][0]["betti"], Json({1, 2, 1}));
  EXPECT_TRUE(j["rows"][1]["joint_accuracy"].is_null());
  EXPECT_TRUE(j["rows"][1]["explained"][1].is_null());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace factorlab
