// End-to-end: one writer per run folder (core/folder_lock.h). This test process holds a folder's lock
// and runs factorlab in another process against it: every writing command fails with one line naming
// this process's pid, exit 2, and writes nothing; once the lock is released the same command works.
// (sample, eval and probe check their inputs and load the model first, then lock: a bad option is
// still reported as such while another process writes the run.)
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "cli_runner.h"
#include "factorlab/core/folder_lock.h"
#include "factorlab/core/fs.h"

using namespace factorlab;

namespace {
void expect_locked_out(const CliResult& r, const std::string& what) {
  EXPECT_EQ(r.code, 2) << what << "\n" << r.output;
  EXPECT_NE(r.output.find("is in use by another factorlab process (pid " + std::to_string(::getpid()) + ","),
            std::string::npos)
      << what << "\n" << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << what << "\n" << r.output;
}
}  // namespace

// A 2-step model (the bad-input table's fixture), so sample, eval and probe get as far as their writes.
const std::string kTinyTrain =
    "train default --set data.N=8 --set model.base_width=8 --set model.cond_dim=8 --set model.groups=4 "
    "--set model.heads=1 --set 'model.channel_mults=[1,2,2]' --set 'model.attention_levels=[]' "
    "--set model.mid_attention=false --set train.batch_size=16 --set train.steps=2 --set train.checkpoint_every=1 "
    "--set train.eval_every=0 --set train.precision=fp32 --set run.threads=1 --set eval.steps=2 "
    "--set eval.max_conditions=4 --set sample.steps=2 --out ";

TEST(CliLock, SecondWriterOfARunFolderIsRefused) {
  const std::string dir = fresh_dir("lock");
  const std::string run = dir + "/run";
  ASSERT_EQ(run_factorlab(kTinyTrain + run).code, 0);
  const std::string config_before = read_file(run + "/config.toml");
  {
    const FolderLock held(run);
    for (const std::string& args :
         {"data default --set data.N=10 --out " + run, "train --resume --out " + run, "run default --out " + run,
          "sample " + run + " --grid 1 --steps 2", "eval " + run, "probe " + run + " --grid 2",
          "analyze " + run + " --grid 2", "report " + run}) {
      expect_locked_out(run_factorlab(args), args);
    }
    EXPECT_EQ(read_file(run + "/config.toml"), config_before) << "a refused writer changed config.toml";
    EXPECT_FALSE(file_exists(run + "/standalone")) << "a refused sample, eval or probe made its folder";
    const FolderLock held_out(dir + "/perc");
    expect_locked_out(run_factorlab("percolate --sigma 1 --L 8 --lambda 0:1:0.5 --trials 2 --out " + dir + "/perc"),
                      "percolate");
  }
  // Released (as when the holder exits or is killed): the same commands go ahead.
  for (const std::string& args : {"sample " + run + " --grid 1 --steps 2", "probe " + run + " --grid 2"})
    EXPECT_EQ(run_factorlab(args).code, 0) << args;
}

TEST(CliLock, StudyFolderAndItsShards) {
  const std::string dir = fresh_dir("lock_study");
  ASSERT_EQ(::mkdir((dir + "/s").c_str(), 0755), 0);
  {
    const FolderLock held(dir + "/s");
    expect_locked_out(run_factorlab("sweep --collect " + dir + "/s"), "sweep --collect");
  }
  // A shard locks its own name: holding shard 0's lock does not block the collect.
  const FolderLock shard(dir + "/s", ".factorlab.shard-0-of-2.lock");
  const CliResult r = run_factorlab("sweep --collect " + dir + "/s");
  EXPECT_EQ(r.output.find("in use by another factorlab process"), std::string::npos) << r.output;
}
