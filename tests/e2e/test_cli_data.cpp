// End-to-end: `factorlab data` and `factorlab run` on presets, and bad inputs giving one-line
// errors with exit code 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/json.h"
#include "factorlab/core/npy.h"

using namespace factorlab;

TEST(CliData, WritesEveryFile) {
  const std::string dir = fresh_dir("data");
  const CliResult r = run_factorlab("data compositional_union --set data.N=16 --out " + dir + "/run");
  ASSERT_EQ(r.code, 0) << r.output;
  for (const char* f : {"dataset.npz", "preview.png", "labels.png", "data.json", "config.toml"})
    EXPECT_TRUE(file_exists(dir + "/run/" + f)) << f;
  const auto z = read_npz(dir + "/run/dataset.npz");
  EXPECT_EQ(z.at("images").shape.at(1), 16);
  const Json j = read_json(dir + "/run/data.json");
  EXPECT_EQ(j["train"].get<long>(), z.at("images").shape.at(0));
  EXPECT_GT(j["ood"].get<long>(), 0);
  EXPECT_EQ(read_file(dir + "/run/preview.png").substr(1, 3), "PNG");
  // The resolved config reproduces the same dataset.
  const CliResult again = run_factorlab("data " + dir + "/run/config.toml --out " + dir + "/again");
  ASSERT_EQ(again.code, 0) << again.output;
  EXPECT_EQ(read_file(dir + "/again/dataset.npz"), read_file(dir + "/run/dataset.npz"));
}

TEST(CliErrors, BadInputsExitTwoWithOneLine) {
  const std::string dir = fresh_dir("err");
  write_file_atomic(dir + "/broken.toml", std::string("[data\nN = 3\n"));
  write_file_atomic(dir + "/unknown.toml", std::string("[data]\nN = 16\ncolour = 'red'\n"));
  write_file_atomic(dir + "/file", std::string("x"));
  const std::pair<std::string, std::string> cases[] = {
      {"data nosuch", "neither a config file nor a preset"},
      {"data " + dir + "/broken.toml", "broken.toml:1"},
      {"data " + dir + "/unknown.toml", "unknown config key 'data.colour'"},
      {"data default --set data.N=3", "data.N = 3 is out of range (allowed: 4 .. 512)"},
      {"data default --set data.N=abc", "data.N = 'abc' has the wrong type"},
      {"data default --set data.parts.0.sigma=-1", "data.parts.0.sigma = -1 is out of range"},
      {"data default --set data.parts.0.shape=ring", "(allowed: bump, sos)"},
      {"data default --set data.parts.0.subsample=1.5", "subsample = 1.5"},
      {"data default --set data.parts.0.holdout.type=cross --set data.parts.0.holdout.a=9 "
       "--set data.parts.0.holdout.b=2", "holdout.a = 9 must not exceed"},
      {"data default --set nonsense", "not of the form section.key=value"},
      {"data default --set model.width=1", "unknown config key 'model.width'"},
      {"data default --set modle.width=1", "unknown config key 'modle'"},
      {"data default --out " + dir + "/file/sub", "cannot create folder"},
      {"data", "config is required"},
      {"nosuchcommand", "nosuchcommand"},
      {"data default --set run.threads=-1", "run.threads = -1"},
  };
  for (const auto& [args, want] : cases) {
    const CliResult r = run_factorlab(args, dir);
    EXPECT_EQ(r.code, 2) << args << "\n" << r.output;
    EXPECT_NE(r.output.find(want), std::string::npos) << args << "\n" << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << "one line: " << args << "\n" << r.output;
  }
}

TEST(CliHelp, EveryCommandHasHelp) {
  std::vector<std::string> commands{"", "data", "run", "train", "sample", "eval", "percolate"};
  if (FACTORLAB_E2E_WITH_ANALYSIS) commands.insert(commands.end(), {"probe", "analyze"});
  for (const std::string& cmd : commands) {
    const CliResult r = run_factorlab(cmd + " --help");
    EXPECT_EQ(r.code, 0) << cmd;
    EXPECT_NE(r.output.find("Usage"), std::string::npos) << cmd;
  }
}
