// End-to-end: train, sample, eval and run on a tiny config through the real binary; resume after
// SIGINT; every output file is checked.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "cli_runner.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/json.h"
#include "factorlab/core/npy.h"

using namespace factorlab;

namespace {
const std::string kTiny =
    "default --set data.N=8 --set model.base_width=8 --set model.cond_dim=8 --set model.groups=4 "
    "--set model.heads=1 --set \"model.attention_levels=[]\" --set train.batch_size=16 --set train.log_every=5 "
    "--set run.threads=1 --set sample.grid=3 --set sample.steps=5 --set eval.steps=5 --set eval.max_conditions=8";
}  // namespace

TEST(CliTrain, TrainSampleEvalWriteTheirFiles) {
  const std::string dir = fresh_dir("train");
  CliResult r = run_factorlab("train " + kTiny + " --set train.steps=12 --set train.checkpoint_every=6 --out " + dir);
  ASSERT_EQ(r.code, 0) << r.output;
  for (const char* f : {"config.toml", "dataset.npz", "metrics.jsonl", "train.json", "checkpoints/step_00000006.ckpt",
                        "checkpoints/step_00000012.ckpt"})
    EXPECT_TRUE(file_exists(dir + "/" + f)) << f;
  const auto rows = read_jsonl(dir + "/metrics.jsonl");
  ASSERT_EQ(rows.size(), 3u);  // steps 5, 10, 12
  EXPECT_EQ(rows.back()["step"], 12);
  EXPECT_EQ(rows.back()["loss_by_t_quartile"].size(), 4u);
  EXPECT_GT(rows.back()["images_per_s"].get<double>(), 0);

  r = run_factorlab("sample " + dir + " --grid 2 --steps 4");
  ASSERT_EQ(r.code, 0) << r.output;
  const NpyArray s = read_npy(dir + "/samples.npy");
  EXPECT_EQ(s.shape, (std::vector<std::int64_t>{4, 8, 8}));
  for (float v : s.to_f32()) ASSERT_TRUE(std::isfinite(v));
  EXPECT_TRUE(file_exists(dir + "/samples.png"));

  r = run_factorlab("eval " + dir + " --set eval.steps=4 --set eval.conditions=grid");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("joint"), std::string::npos) << r.output;
  const Json e = read_json(dir + "/eval.json");
  EXPECT_EQ(e["step"], 12);
  for (const char* f : {"eval.txt", "eval_samples.npy", "eval_conditions.npy", "samples_eval.png"})
    EXPECT_TRUE(file_exists(dir + "/" + f)) << f;
}

TEST(CliTrain, ResumeContinuesAndMismatchedConfigIsRefused) {
  const std::string dir = fresh_dir("resume");
  ASSERT_EQ(run_factorlab("train " + kTiny + " --set train.steps=4 --set train.checkpoint_every=4 --out " + dir).code, 0);
  CliResult r = run_factorlab("train --resume --out " + dir + " --set train.steps=8");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("resumed from"), std::string::npos) << r.output;
  EXPECT_TRUE(file_exists(dir + "/checkpoints/step_00000008.ckpt"));
  r = run_factorlab("train --resume --out " + dir + " --set train.steps=12 --set train.lr=0.5");
  EXPECT_EQ(r.code, 2) << r.output;
  EXPECT_NE(r.output.find("different config"), std::string::npos) << r.output;
}

namespace {

// Starts `factorlab <command> kTiny --set train.steps=100000 --out dir` with its output in log, waits
// until training has logged a few steps, sends SIGINT and returns the exit status (-1: no clean exit).
int interrupt_training(const std::string& command, const std::string& dir, const std::string& log) {
  const std::string cmd = std::string(FACTORLAB_EXE) + " " + command + " " + kTiny +
                          " --set train.steps=100000 --out " + dir + " > " + log + " 2>&1";
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", ("exec " + cmd).c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 600 && !file_exists(dir + "/metrics.jsonl"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST(CliTrain, SigintSavesACheckpointAndExitsCleanly) {
  const std::string dir = fresh_dir("sigint");
  EXPECT_EQ(interrupt_training("train", dir, dir + "/log.txt"), 130);
  const std::string log = read_file(dir + "/log.txt");
  EXPECT_NE(log.find("checkpoint saved to"), std::string::npos) << log;
  EXPECT_NE(log.find("--resume"), std::string::npos) << log;
  const CliResult r = run_factorlab("sample " + dir + " --grid 1 --steps 2");
  EXPECT_EQ(r.code, 0) << r.output;
}

// Under `factorlab run` the advice is the typed command (it resumes training and every later stage),
// not `factorlab train --resume` (which would stop after training).
TEST(CliRun, SigintInTrainingSaysToRunTheSameCommandAgain) {
  if (!FACTORLAB_E2E_WITH_ANALYSIS) GTEST_SKIP() << "built without the analysis module: no `run` (no_analysis_run_refused)";
  const std::string dir = fresh_dir("run_sigint");
  EXPECT_EQ(interrupt_training("run", dir, dir + ".log"), 130);
  const std::string log = read_file(dir + ".log");
  EXPECT_NE(log.find("checkpoint saved to"), std::string::npos) << log;
  EXPECT_NE(log.find("run the same command again"), std::string::npos) << log;
  EXPECT_EQ(log.find("train --resume"), std::string::npos) << log;
}

TEST(CliRun, TinyRunWritesEveryStageOutput) {
  if (!FACTORLAB_E2E_WITH_ANALYSIS) GTEST_SKIP() << "built without the analysis module: no `run` (no_analysis_run_refused)";
  const std::string dir = fresh_dir("run");
  const CliResult r = run_factorlab("run " + kTiny + " --set train.steps=10 --out " + dir);
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("joint"), std::string::npos);
  for (const char* f : {"dataset.npz", "preview.png", "metrics.jsonl", "samples.npy", "samples.png", "eval.json",
                        "samples_eval.png", "stages.json"})
    EXPECT_TRUE(file_exists(dir + "/" + f)) << f;
  const Json stages = read_json(dir + "/stages.json");
  EXPECT_EQ(stages[0]["stage"], "data");
  EXPECT_EQ(stages[1]["stage"], "train");
}
