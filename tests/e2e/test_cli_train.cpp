// End-to-end: train, sample, eval and run on a tiny config through the real binary; resume after
// SIGINT; every output file is checked, and standalone sample / eval write beside the run's own files.
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

  // A standalone sample and eval write into RUN/standalone/<command>-<options>, never over the run's
  // own files (cli/standalone_out.h), and say what wrote them.
  r = run_factorlab("sample " + dir + " --grid 2 --steps 4");
  ASSERT_EQ(r.code, 0) << r.output;
  const std::string sdir = dir + "/standalone/sample-grid=2,steps=4";
  const NpyArray s = read_npy(sdir + "/samples.npy");
  EXPECT_EQ(s.shape, (std::vector<std::int64_t>{4, 8, 8}));
  for (float v : s.to_f32()) ASSERT_TRUE(std::isfinite(v));
  EXPECT_TRUE(file_exists(sdir + "/samples.png"));
  EXPECT_FALSE(file_exists(dir + "/samples.npy"));
  EXPECT_NE(read_json(sdir + "/provenance.json")["command"].get<std::string>().find("sample"), std::string::npos);

  r = run_factorlab("eval " + dir + " --set eval.steps=4 --set eval.conditions=grid");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("joint"), std::string::npos) << r.output;
  const std::string edir = dir + "/standalone/eval-steps=4,conditions=grid";
  const Json e = read_json(edir + "/eval.json");
  EXPECT_EQ(e["step"], 12);
  for (const char* f : {"eval.txt", "eval_samples.npy", "eval_conditions.npy", "samples_eval.png", "provenance.json"})
    EXPECT_TRUE(file_exists(edir + "/" + f)) << f;
  EXPECT_FALSE(file_exists(dir + "/eval.json"));

  // The same options typed in another order name the same folder; --out is used as given.
  r = run_factorlab("sample " + dir + " --steps 4 --grid 2 --checkpoint " + dir + "/checkpoints/step_00000006.ckpt");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(file_exists(dir + "/standalone/sample-checkpoint=step_00000006,grid=2,steps=4/samples.npy"));
  r = run_factorlab("eval " + dir + " --set eval.steps=4 --set eval.conditions=grid --out " + dir + "/mine");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(file_exists(dir + "/mine/eval.json"));
}

// The memorizing baseline needs no training: `factorlab data` makes a folder it can sample and score.
// Sampled exactly, it returns training images: on the training conditions every sample is its own
// ground truth (joint accuracy 1, no copy), and eval.json says which denoiser it was
// (docs/memorization.md; the known answers are in tests/diffusion/test_optimal_denoiser.cpp).
TEST(CliTrain, OptimalDenoiserNeedsOnlyTheDataset) {
  const std::string dir = fresh_dir("optimal");
  CliResult r = run_factorlab("data " + kTiny + " --out " + dir);
  ASSERT_EQ(r.code, 0) << r.output;
  r = run_factorlab("eval " + dir + " --denoiser optimal --set eval.conditions=id --set eval.steps=20");
  ASSERT_EQ(r.code, 0) << r.output;
  const std::string edir = dir + "/standalone/eval-denoiser=optimal,conditions=id,steps=20";
  const Json e = read_json(edir + "/eval.json");
  EXPECT_EQ(e["denoiser"], "optimal");
  EXPECT_EQ(e["optimal"]["label_kernel"], "nearest");
  EXPECT_EQ(e["groups"]["id"]["joint_accuracy"], 1.0) << e["groups"].dump();
  EXPECT_EQ(e["novelty"]["groups"]["id"]["copies"], 0) << e["novelty"]["groups"].dump();
  EXPECT_LT(e["novelty"]["groups"]["id"]["median_d_truth"].get<double>(), 0.05);
  r = run_factorlab("sample " + dir + " --grid 2 --steps 20 --denoiser optimal");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_EQ(read_npy(dir + "/standalone/sample-grid=2,steps=20,denoiser=optimal/samples.npy").shape,
            (std::vector<std::int64_t>{4, 8, 8}));
  // The trained model is another matter: this folder has no checkpoint.
  r = run_factorlab("eval " + dir + " --set eval.steps=4");
  EXPECT_EQ(r.code, 2) << r.output;
  EXPECT_NE(r.output.find("has no checkpoints"), std::string::npos) << r.output;
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
