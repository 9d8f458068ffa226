// End-to-end: `factorlab probe` and `factorlab analyze` (a reps.npy, a run folder, --track) on a
// tiny trained run, checking every output file; bad inputs give one-line errors with exit code 2.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "cli_runner.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/json.h"
#include "factorlab/core/npy.h"

using namespace factorlab;

namespace {

int count_lines(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

// One tiny run for all tests: N = 8, 20 steps, checkpoints and evaluations at 10 and 20.
const std::string& trained_run() {
  static const std::string run = [] {
    const std::string dir = fresh_dir("probe");
    const CliResult r = run_factorlab(
        "train default --set data.N=8 --set train.steps=20 --set model.base_width=8 --set model.cond_dim=16 "
        "--set train.batch_size=16 --set train.checkpoint_every=10 --set train.log_every=10 "
        "--set train.eval_every=10 --set eval.steps=5 --set eval.max_conditions=8 --set run.threads=1 --out " +
        dir + "/run");
    EXPECT_EQ(r.code, 0) << r.output;
    return dir + "/run";
  }();
  return run;
}

}  // namespace

TEST(CliProbe, ProbeWritesRepsLabelsAndProbeJson) {
  const std::string run = trained_run();
  const CliResult r = run_factorlab("probe " + run + " --layer down2 --grid 4 --t 100 --seeds 2");
  ASSERT_EQ(r.code, 0) << r.output;
  // Into RUN/standalone/probe-<options> (cli/standalone_out.h), not the run's own probe stage folder.
  const std::string out = run + "/standalone/probe-layer=down2,t=100,grid=4,seeds=2";
  EXPECT_FALSE(file_exists(run + "/probe/reps.npy"));
  const NpyArray reps = read_npy(out + "/reps.npy");
  const NpyArray labels = read_npy(out + "/labels.npy");
  const Json j = read_json(out + "/probe.json");
  ASSERT_EQ(reps.shape.size(), 2u);
  EXPECT_EQ(reps.shape[0], 16);
  const auto& bs = j["block_shape"];
  EXPECT_EQ(reps.shape[1], bs[0].get<long>() * bs[1].get<long>() * bs[2].get<long>());
  EXPECT_EQ(labels.shape, (std::vector<std::int64_t>{16, 2}));
  EXPECT_EQ(j["layer"], "down2");
  EXPECT_EQ(j["t"], 100);
  EXPECT_EQ(j["seeds"], 2);
  EXPECT_EQ(j["N"], 8);
  EXPECT_EQ(j["step"], 20);  // the latest checkpoint
}

TEST(CliAnalyze, RepsNpyGivesEveryFile) {
  const std::string run = trained_run();
  const std::string out = run + "/probe_mid";
  ASSERT_EQ(run_factorlab("probe " + run + " --grid 6 --out " + out).code, 0);
  const CliResult r = run_factorlab("analyze " + out + "/reps.npy --reference clifford --set analysis.pca.k=4");
  ASSERT_EQ(r.code, 0) << r.output;
  for (const char* f : {"analysis.json", "pca.csv", "ortho.csv", "persistence.csv", "umap.csv", "umap3d.csv",
                        "pca_projection.npy"})
    EXPECT_TRUE(file_exists(out + "/" + f)) << f;
  const Json j = read_json(out + "/analysis.json");
  EXPECT_EQ(j["n_points"], 36);
  EXPECT_EQ(j["N"], 8.0);  // from probe.json
  EXPECT_EQ(j["reference"]["name"], "clifford");
  EXPECT_NEAR(j["reference"]["pca"]["participation_ratio"].get<double>(), 4.0, 1e-9);
  EXPECT_EQ(j["summary"]["betti"].size(), 3u);
  EXPECT_GT(j["summary"]["participation_ratio"].get<double>(), 1.0);
  EXPECT_EQ(count_lines(read_file(out + "/umap.csv")), 1 + 36);
  EXPECT_EQ(read_npy(out + "/pca_projection.npy").shape, (std::vector<std::int64_t>{36, 3}));
}

TEST(CliAnalyze, RunFolderProbesThenAnalyses) {
  const std::string run = trained_run();
  const CliResult r = run_factorlab("analyze " + run + " --grid 4 --set analysis.umap_dims=[]");
  ASSERT_EQ(r.code, 0) << r.output;
  for (const char* f : {"reps.npy", "labels.npy", "probe.json", "analysis.json", "pca.csv", "ortho.csv", "persistence.csv"})
    EXPECT_TRUE(file_exists(run + "/analysis/" + f)) << f;
  EXPECT_FALSE(file_exists(run + "/analysis/umap.csv"));
}

// Re-analysing a run in place refreshes its results.json, which `factorlab report` reads first: a
// stale Betti number there would contradict the new analysis.json in the report.
TEST(CliAnalyze, RunFolderAnalysisRefreshesResultsJson) {
  const std::string run = fresh_dir("analyze-results") + "/run";
  std::filesystem::copy(trained_run(), run, std::filesystem::copy_options::recursive);
  write_json(run + "/results.json", Json{{"probe.betti1", 99}, {"eval.all.joint", 0.5}});
  const CliResult r = run_factorlab("analyze " + run + " --grid 4 --set analysis.umap_dims=[]");
  ASSERT_EQ(r.code, 0) << r.output;
  const Json results = read_json(run + "/results.json");
  const Json analysis = read_json(run + "/analysis/analysis.json");
  EXPECT_EQ(results["probe.betti1"], analysis["persistence"]["betti"][1]) << results.dump();
}

TEST(CliAnalyze, TrackWritesTheSeriesOverCheckpoints) {
  const std::string run = trained_run();
  const std::string out = run + "/tracked";
  const CliResult r = run_factorlab("analyze " + run + " --track --out " + out);
  ASSERT_EQ(r.code, 0) << r.output;
  const std::string csv = read_file(out + "/track.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "step,joint_accuracy,participation_ratio,n_components_95,explained_1,explained_2,explained_3,explained_4,"
            "betti0,betti1,betti2");
  EXPECT_EQ(count_lines(csv), 1 + 2);  // checkpoints at steps 10 and 20
  const Json j = read_json(out + "/track.json");
  ASSERT_EQ(j["rows"].size(), 2u);
  EXPECT_EQ(j["rows"][0]["step"], 10);
  EXPECT_EQ(j["rows"][1]["step"], 20);
  EXPECT_TRUE(j["rows"][1]["joint_accuracy"].is_number());  // evaluated during training at step 20
  EXPECT_EQ(j["rows"][1]["betti"].size(), 3u);
  EXPECT_EQ(j["grid"], 8);  // default: every integer label of the 8-torus
  for (const char* step : {"step_00000010", "step_00000020"}) {
    const std::string d = out + "/track/" + step;
    for (const char* f : {"reps.npy", "labels.npy", "probe.json", "analysis.json", "pca.csv", "ortho.csv", "persistence.csv"})
      EXPECT_TRUE(file_exists(d + "/" + f)) << d << "/" << f;
    EXPECT_FALSE(file_exists(d + "/umap.csv")) << "UMAP is off while tracking unless --umap";
  }
}

TEST(CliAnalyze, BadInputsExitTwoWithOneLine) {
  const std::string run = trained_run();
  const std::string dir = fresh_dir("probe_err");
  ASSERT_EQ(run_factorlab("probe " + run + " --grid 4 --out " + dir + "/p").code, 0);
  write_file_atomic(dir + "/lonely/reps.npy", read_file(dir + "/p/reps.npy"));
  const std::pair<std::string, std::string> cases[] = {
      {"probe " + run + " --layer middle", "--layer = 'middle' is not allowed (allowed: stem, down1"},
      {"probe " + run + " --t 1000", "probe.t = 1000 is out of range"},
      {"probe " + run + " --seeds 0", "probe.seeds = 0"},
      {"probe " + dir, "is not a run folder"},
      {"analyze " + dir + "/p/reps.npy --track", "--track needs a run folder"},
      {"analyze " + dir + "/p/reps.npy --umap", "--umap only applies with --track"},
      {"analyze " + dir + "/p/reps.npy --reference donut", "--reference = 'donut' is not allowed (allowed: none, torus3d, clifford)"},
      {"analyze " + dir + "/p/reps.npy --set pca.k=2", "analyze takes analysis.<key>=value"},
      {"analyze " + dir + "/p/reps.npy --set analysis.persistence.betti_fraction=2", "analysis.persistence.betti_fraction = 2"},
      {"analyze " + dir + "/nothing.npy", "does not exist"},
      {"analyze " + dir + "/lonely/reps.npy", "give --labels"},
      {"analyze " + dir + "/lonely/reps.npy --labels " + dir + "/p/labels.npy", "give --N"},
      {"analyze " + dir + "/p/reps.npy --labels " + dir + "/p/reps.npy", "labels must be [n, 2]"},
      {"analyze " + dir, "is not a run folder"},
  };
  for (const auto& [args, want] : cases) {
    const CliResult r = run_factorlab(args, dir);
    EXPECT_EQ(r.code, 2) << args << "\n" << r.output;
    EXPECT_NE(r.output.find(want), std::string::npos) << args << "\n" << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << "one line: " << args << "\n" << r.output;
  }
}

TEST(CliProbeHelp, BothCommandsHaveHelp) {
  for (const char* cmd : {"probe", "analyze"}) {
    const CliResult r = run_factorlab(std::string(cmd) + " --help");
    EXPECT_EQ(r.code, 0) << cmd;
    EXPECT_NE(r.output.find("Usage"), std::string::npos) << cmd;
  }
}
