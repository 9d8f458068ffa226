// Tests for experiments/run_config: every preset loads and builds its data; resolved configs
// round-trip; overrides and bad keys behave.
#include <gtest/gtest.h>

#include <filesystem>

#include "factorlab/core/fs.h"
#include "factorlab/data/dataset.h"
#include "factorlab/experiments/run_config.h"
#include "factorlab/experiments/study.h"

#include "../support/scratch_dir.h"

using namespace factorlab;

TEST(RunConfig, EveryPresetLoadsAndBuildsItsData) {
  const auto names = preset_names();
  for (const char* want : {"default", "factorization", "compositional", "data_efficiency", "percolation"})
    EXPECT_NE(std::find(names.begin(), names.end(), want), names.end()) << want;
  for (const auto& name : names) {
    if (is_study_source(name)) continue;  // studies: test_study.cpp
    SCOPED_TRACE(name);
    const RunConfig c = load_run_config(name, {});
    const Dataset d = build_dataset(c.data);
    EXPECT_GT(d.size(), 0);
  }
}

TEST(RunConfig, DefaultIsSmallPeriodicBumps) {
  const RunConfig c = load_run_config("", {});
  EXPECT_EQ(c.data.N, 16);
  ASSERT_EQ(c.data.parts.size(), 1u);
  EXPECT_TRUE(c.data.parts[0].periodic);
  EXPECT_EQ(c.data.parts[0].shape, Shape::Bump);
}

TEST(RunConfig, ResolvedConfigRoundTrips) {
  const RunConfig c = load_run_config("compositional_union", {"data.parts.1.drop_rim=true", "run.name=x"});
  const std::filesystem::path dir = test_support::scratch_dir("rc");
  const std::string path = (dir / "config.toml").string();
  write_file_atomic(path, to_toml(c));
  const RunConfig e = load_run_config(path, {});
  EXPECT_EQ(to_toml(e), to_toml(c));
  EXPECT_TRUE(e.data.parts[1].drop_rim);
  EXPECT_EQ(e.run.name, "x");
  EXPECT_EQ(e.data.parts[0].holdout.type, HoldoutType::Cross);
}

TEST(RunConfig, BadSourcesAndKeys) {
  auto message = [](const std::string& src, const std::vector<std::string>& sets) {
    try {
      load_run_config(src, sets);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(message("nosuchpreset", {}).find("presets: "), std::string::npos);
  EXPECT_NE(message("default", {"modle.width=3"}).find("unknown config key 'modle'"), std::string::npos);
  EXPECT_NE(message("default", {"data.N=3"}).find("data.N = 3 is out of range"), std::string::npos);
  EXPECT_NE(message("default", {"data.parts.0.shape=ring"}).find("bump, sos"), std::string::npos);
  EXPECT_NE(message("default", {"run.device=tpu"}).find("run.device = 'tpu'"), std::string::npos);
  EXPECT_NE(message("default", {"data.parts.3.sigma=1"}).find("not an index"), std::string::npos);
  EXPECT_NE(message("default", {"data.N=big"}).find("data.N = 'big'"), std::string::npos);
}

// A researcher re-runs `factorlab run data_efficiency --out data_efficiency` from the folder that
// holds the output: the folder must not shadow the preset. A regular file still wins over a preset,
// and a folder that is no preset is still a clear error.
TEST(RunConfig, AFolderNamedLikeAPresetDoesNotShadowIt) {
  const std::filesystem::path dir = test_support::scratch_dir("rcdir");
  std::filesystem::create_directories(dir / "default");
  std::filesystem::create_directories(dir / "data_efficiency");
  std::filesystem::create_directories(dir / "d");
  RunConfig from_file = load_run_config("", {});
  from_file.data.N = 12;
  write_file_atomic((dir / "factorization").string(), to_toml(from_file));
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  EXPECT_EQ(load_run_config("default", {}).data.N, 16);
  EXPECT_TRUE(is_study_source("data_efficiency"));
  EXPECT_EQ(load_study("data_efficiency", {}).base_dir, "");
  EXPECT_EQ(load_run_config("factorization", {}).data.N, 12);
  std::string folder_error;
  try {
    load_run_config("d", {});
  } catch (const InputError& e) {
    folder_error = e.what();
  }
  std::filesystem::current_path(cwd);
  std::filesystem::remove_all(dir);
  EXPECT_NE(folder_error.find("'d' is a folder, not a file"), std::string::npos) << folder_error;
}

namespace factorlab {
namespace {

// The training identity (what a resume must match) changes with the weights' recipe, not with
// where, how long or how the run is evaluated, probed or analysed.
TEST(RunConfig, TrainingIdentityIgnoresEverythingButDataModelDiffusionAndTrain) {
  const RunConfig base = load_run_config("default", {});
  const std::string id = training_identity(base);
  for (const char* set : {"run.threads=1", "train.steps=99", "train.eval_every=7", "sample.steps=20", "eval.seed=3",
                          "probe.grid=24", "analysis.persistence.band_resamples=50", "analysis.pca.k=4"})
    EXPECT_EQ(training_identity(load_run_config("default", {set})), id) << set;
  for (const char* set : {"train.lr=0.002", "train.seed=1", "model.base_width=16", "data.seed=2", "diffusion.T=500"})
    EXPECT_NE(training_identity(load_run_config("default", {set})), id) << set;
}

}  // namespace
}  // namespace factorlab
