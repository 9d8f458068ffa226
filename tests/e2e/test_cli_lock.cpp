// End-to-end: one writer per run folder (core/folder_lock.h). This test process holds a folder's lock
// and runs factorlab in another process against it: every writing command fails with one line naming
// this process's pid, exit 2, and writes nothing; once the lock is released the same command works.
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

TEST(CliLock, SecondWriterOfARunFolderIsRefused) {
  const std::string dir = fresh_dir("lock");
  const std::string run = dir + "/run";
  ASSERT_EQ(run_factorlab("data default --set data.N=8 --out " + run).code, 0);
  const std::string config_before = read_file(run + "/config.toml");
  {
    const FolderLock held(run);
    for (const std::string& args :
         {"data default --set data.N=10 --out " + run, "train --resume --out " + run,
          "run default --out " + run, "sample " + run, "eval " + run, "probe " + run, "analyze " + run,
          "report " + run}) {
      expect_locked_out(run_factorlab(args), args);
    }
    EXPECT_EQ(read_file(run + "/config.toml"), config_before) << "a refused writer changed config.toml";
    EXPECT_FALSE(file_exists(run + "/probe")) << "a refused probe made its folder";
    const FolderLock held_out(dir + "/perc");
    expect_locked_out(run_factorlab("percolate --sigma 1 --L 8 --lambda 0:1:0.5 --trials 2 --out " + dir + "/perc"),
                      "percolate");
  }
  // Released (as when the holder exits or is killed): the same command goes ahead.
  EXPECT_EQ(run_factorlab("data default --set data.N=8 --out " + run).code, 0);
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
