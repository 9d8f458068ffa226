// Tests for train/checkpoint: the header round-trips; a corrupt, truncated or foreign checkpoint is
// a clear error, and no seeded random byte flip loads silently (core/seal.h).
#include <gtest/gtest.h>

#include <string>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/rng.h"
#include "factorlab/train/checkpoint.h"
#include "factorlab/train/runtime.h"
#include "factorlab/train/trainer.h"

#include "../support/scratch_dir.h"
#include "../support/tiny_training.h"

using namespace factorlab;

namespace {
using test_support::same_weights;
using test_support::tiny_data;
using test_support::tiny_inputs;

std::string fresh(const char* name) { return test_support::scratch_dir("checkpoint", name); }
}  // namespace

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
