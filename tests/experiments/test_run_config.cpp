// Tests for experiments/run_config: every preset loads and builds its data; resolved configs
// round-trip; overrides and bad keys behave.
#include <gtest/gtest.h>

#include <filesystem>

#include "factorlab/core/fs.h"
#include "factorlab/data/dataset.h"
#include "factorlab/experiments/run_config.h"
#include "factorlab/experiments/study.h"

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
  const auto dir = std::filesystem::temp_directory_path() / ("factorlab_rc_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
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
