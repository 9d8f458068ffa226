// Tests for train/trainer: a tiny model overfits, resume is exact (also past a corrupt newest
// checkpoint), the accuracy stop rule. The checkpoint file format: test_checkpoint.cpp.
#include <gtest/gtest.h>

#include <filesystem>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/train/checkpoint.h"
#include "factorlab/train/runtime.h"
#include "factorlab/train/trainer.h"

#include "../support/scratch_dir.h"
#include "../support/tiny_training.h"

using namespace factorlab;

namespace {
using test_support::tiny_data;
using test_support::tiny_inputs;

using test_support::same_weights;

std::string fresh(const char* name) { return test_support::scratch_dir("train", name); }
}  // namespace

TEST(Trainer, TinyModelOverfitsAHandfulOfConditions) {
  configure_cpu_runtime(1);
  Trainer tr(tiny_inputs(), tiny_data(2));  // 4 conditions
  // Loss on a fixed evaluation batch, before and after training.
  const double first = tr.train_steps(1);
  double late = 0;
  tr.train_steps(800);
  for (int i = 0; i < 20; ++i) late += tr.train_steps(1) / 20;
  EXPECT_LT(late, first / 10) << "first " << first << ", late " << late;
}

TEST(Trainer, ResumedRunEqualsUninterruptedRun) {
  configure_cpu_runtime(1);
  const std::string dir = fresh("resume");
  TrainInputs in = tiny_inputs();
  in.train.steps = 12;
  in.train.checkpoint_every = 6;
  const Dataset data = tiny_data();  // 16 examples, batch 8: resume crosses an epoch boundary
  Trainer straight(in, data);
  straight.run(dir + "/a", false);
  // Interrupted: train 6 steps (checkpoint), then a new trainer resumes to 12.
  in.train.steps = 6;
  Trainer first(in, data);
  first.run(dir + "/b", false);
  in.train.steps = 12;
  Trainer second(in, data);
  const TrainResult r = second.run(dir + "/b", true);
  EXPECT_EQ(r.new_steps, 6);
  EXPECT_EQ(second.step(), 12);
  EXPECT_TRUE(same_weights(straight.model(), second.model()));
  EXPECT_TRUE(same_weights(straight.sampling_model(), second.sampling_model()));
  // (The archives are not byte-identical: LibTorch names modules with a process-wide counter.)
  Trainer reloaded(in, data);
  reloaded.load(checkpoint_path(dir + "/a", 12));
  EXPECT_TRUE(same_weights(reloaded.model(), second.model()));
}

TEST(Trainer, SameSeedSameWeightsOtherSeedOtherWeights) {
  configure_cpu_runtime(1);
  TrainInputs in = tiny_inputs();
  Trainer a(in, tiny_data()), b(in, tiny_data());
  a.train_steps(5);
  b.train_steps(5);
  EXPECT_TRUE(same_weights(a.model(), b.model()));
  in.train.seed = 1;
  Trainer c(in, tiny_data());
  c.train_steps(5);
  EXPECT_FALSE(same_weights(a.model(), c.model()));
}

// train --resume (and a re-run, which resumes) skips a corrupt newest checkpoint, continues from the
// one before, and rewrites the corrupt one when it passes its step.
TEST(Trainer, ResumeFallsBackToTheNewestIntactCheckpoint) {
  configure_cpu_runtime(1);
  const std::string dir = fresh("fallback");
  TrainInputs in = tiny_inputs();
  in.train.steps = 12;
  in.train.checkpoint_every = 6;
  const Dataset data = tiny_data();
  Trainer straight(in, data);
  straight.run(dir + "/a", false);
  Trainer first(in, data);
  first.run(dir + "/b", false);
  const std::string newest = checkpoint_path(dir + "/b", 12);
  std::string bytes = read_file(newest);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x10);
  write_file_atomic(newest, bytes);
  EXPECT_EQ(newest_intact_checkpoint(dir + "/b"), checkpoint_path(dir + "/b", 6));
  Trainer second(in, data);
  const TrainResult r = second.run(dir + "/b", true);
  EXPECT_EQ(r.new_steps, 6);
  EXPECT_EQ(second.step(), 12);
  EXPECT_TRUE(same_weights(straight.model(), second.model()));
  EXPECT_EQ(newest_intact_checkpoint(dir + "/b"), newest);  // rewritten, intact
}

namespace {
// An evaluation hook that reports the accuracies of `script` in turn (the last one repeats).
EvalHook scripted_hook(std::vector<double> script, int* calls) {
  return [script, calls](std::int64_t, UNet&) {
    HookResult r;
    r.accuracy = script[std::min<std::size_t>(static_cast<std::size_t>((*calls)++), script.size() - 1)];
    return r;
  };
}
}  // namespace

TEST(Trainer, StopsOnceTheAccuracyIsHeldForThePatienceAndAResumeStaysStopped) {
  configure_cpu_runtime(1);
  const std::string dir = fresh("stop");
  TrainInputs in = tiny_inputs();
  in.train.steps = 40;
  in.train.log_every = 2;
  in.train.eval_every = 4;
  in.train.stop_at_accuracy = 0.9;
  in.train.stop_patience = 2;
  const Dataset data = tiny_data();
  int calls = 0;
  // Evaluations at steps 4, 8, 12, 16, 20: 0.95 then a dip, then two in a row -> stop at step 16.
  Trainer tr(in, data);
  const TrainResult r = tr.run(dir + "/a", false, scripted_hook({0.95, 0.5, 0.92, 0.97, 0.2}, &calls));
  EXPECT_TRUE(r.stopped_early);
  EXPECT_EQ(r.steps, 16);
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(latest_checkpoint(dir + "/a"), checkpoint_path(dir + "/a", 16));
  const auto rows = read_jsonl(dir + "/a/metrics.jsonl");
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.back()["step"], 16);
  EXPECT_TRUE(rows.back().contains("stopped"));
  EXPECT_DOUBLE_EQ(rows.back()["eval_accuracy"].get<double>(), 0.97);
  // Resuming the stopped run trains nothing more.
  Trainer again(in, data);
  int more = 0;
  const TrainResult r2 = again.run(dir + "/a", true, scripted_hook({0.0}, &more));
  EXPECT_TRUE(r2.stopped_early);
  EXPECT_EQ(r2.new_steps, 0);
  EXPECT_EQ(more, 0);
  EXPECT_TRUE(same_weights(tr.model(), again.model()));
  // Never held for two evaluations in a row: all 40 steps.
  calls = 0;
  Trainer full(in, data);
  const TrainResult r3 = full.run(dir + "/b", false, scripted_hook({0.95, 0.1}, &calls));
  EXPECT_FALSE(r3.stopped_early);
  EXPECT_EQ(r3.steps, 40);
}

TEST(TrainConfig, StopAtAccuracyNeedsTrainingEvaluations) {
  TrainConfig c;
  c.stop_at_accuracy = 0.95;
  c.eval_every = 0;
  try {
    c.validate();
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("train.eval_every"), std::string::npos) << e.what();
  }
  c.eval_every = 100;
  EXPECT_NO_THROW(c.validate());
  c.stop_at_accuracy = 1.5;
  EXPECT_THROW(c.validate(), InputError);
}
