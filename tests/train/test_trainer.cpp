// Tests for train/trainer and train/checkpoint: a tiny model overfits, resume is exact, bad
// checkpoints are clear errors.
#include <gtest/gtest.h>

#include <filesystem>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/rng.h"
#include "factorlab/train/checkpoint.h"
#include "factorlab/train/runtime.h"
#include "factorlab/train/trainer.h"
#include "../support/tiny_training.h"

using namespace factorlab;

namespace {
using test_support::tiny_data;
using test_support::tiny_inputs;

std::string fresh(const char* name) {
  auto d = std::filesystem::temp_directory_path() / ("factorlab_train_" + std::to_string(::getpid()) + name);
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d.string();
}
bool same_weights(UNet& a, UNet& b) {
  auto pa = a->parameters(), pb = b->parameters();
  for (std::size_t i = 0; i < pa.size(); ++i)
    if (!torch::equal(pa[i], pb[i])) return false;
  return true;
}
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

TEST(Checkpoint, CorruptTruncatedOrForeignFilesAreClearErrors) {
  configure_cpu_runtime(1);
  const std::string dir = fresh("ckpt");
  TrainInputs in = tiny_inputs();
  Trainer tr(in, tiny_data());
  tr.train_steps(2);
  tr.save(dir + "/good.ckpt");
  const std::string good = read_file(dir + "/good.ckpt");
  auto message = [&](const std::string& bytes) {
    write_file_atomic(dir + "/bad.ckpt", bytes);
    Trainer other(in, tiny_data());
    try {
      other.load(dir + "/bad.ckpt");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("hello").find("FLABCKPT magic"), std::string::npos);
  EXPECT_NE(message(good.substr(0, 15)).find("truncated header"), std::string::npos);
  EXPECT_NE(message(good.substr(0, good.size() / 2)).find("corrupt or truncated"), std::string::npos);
  std::string v3 = good;
  v3[8] = 3;
  EXPECT_NE(message(v3).find("format version 3"), std::string::npos);
  // A checkpoint of another config.
  TrainInputs other = in;
  other.identity = "different";
  Trainer foreign(other, tiny_data());
  try {
    foreign.load(dir + "/good.ckpt");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("different config"), std::string::npos);
  }
  // And the good one loads, with its step.
  Trainer ok(in, tiny_data());
  ok.load(dir + "/good.ckpt");
  EXPECT_EQ(ok.step(), 2);
  EXPECT_TRUE(same_weights(ok.model(), tr.model()));
}

// LibTorch does not check its archive's zip CRCs; the checksum trailer (core/seal.h) must catch every
// flip, in the header, the weights or the trailer: zero silent loads over seeded random trials.
TEST(Checkpoint, SeededRandomByteFlipsNeverLoadSilently) {
  configure_cpu_runtime(1);
  const std::string dir = fresh("flips");
  TrainInputs in = tiny_inputs();
  Trainer tr(in, tiny_data());
  tr.train_steps(1);
  tr.save(dir + "/good.ckpt");
  const std::string good = read_file(dir + "/good.ckpt");
  Rng rng(18);
  int trials = 0;
  for (int t = 0; t < 60; ++t) {
    std::string bad = good;
    const int flips = 1 + static_cast<int>(rng.next_u64() % 3);
    for (int i = 0; i < flips; ++i) {
      // Half of the flips land in the last 4 KiB (the zip directory and the trailer), half anywhere.
      const std::size_t at = (t % 2 == 0 && bad.size() > 4096) ? bad.size() - 1 - rng.next_u64() % 4096
                                                               : rng.next_u64() % bad.size();
      bad[at] = static_cast<char>(bad[at] ^ static_cast<char>(1 + rng.next_u64() % 255));
    }
    if (bad == good) continue;
    ++trials;
    const std::string path = dir + "/bad.ckpt";
    write_file_atomic(path, bad);
    Trainer other(in, tiny_data());
    try {
      other.load(path);
      ADD_FAILURE() << "trial " << t << ": a corrupt checkpoint loaded silently";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("'" + path + "'"), std::string::npos) << e.what();
    }
    EXPECT_THROW(read_checkpoint_header(path), InputError) << "trial " << t;
  }
  EXPECT_GE(trials, 50);
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

TEST(Checkpoint, HeaderRoundTrip) {
  CheckpointHeader h;
  h.step = 123456789012ull;
  h.config_toml = "[a]\nb = 1\n";
  h.identity = "id";
  std::size_t off = 0;
  const std::string bytes = encode_checkpoint_header(h) + "ARCHIVE";
  const CheckpointHeader g = parse_checkpoint_header(bytes, "x", &off);
  EXPECT_EQ(g.step, h.step);
  EXPECT_EQ(g.config_toml, h.config_toml);
  EXPECT_EQ(g.identity, h.identity);
  EXPECT_EQ(bytes.substr(off), "ARCHIVE");
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
