// End-to-end: `factorlab percolate` writes its files, and bad options are one-line errors.
#include <gtest/gtest.h>

#include <cstdlib>

#include "cli_runner.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/json.h"

using namespace factorlab;

TEST(CliPercolate, SmallSweepWritesItsFiles) {
  const std::string dir = fresh_dir("perc");
  const CliResult r = run_factorlab("percolate --sigma 0.5,1 --L 16 --lambda 0:1:0.25 --trials 5 --threads 1 --out " + dir);
  ASSERT_EQ(r.code, 0) << r.output;
  for (const char* f : {"percolation.csv", "overlap.csv", "percolation.json"}) EXPECT_TRUE(file_exists(dir + "/" + f)) << f;
  const Json j = read_json(dir + "/percolation.json");
  EXPECT_TRUE(j.is_object());
  const std::string csv = read_file(dir + "/percolation.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 2 * 5);  // header + 2 sigmas x 5 lambdas
}

TEST(CliPercolate, BadOptionsExitTwo) {
  for (const char* args : {"percolate --lambda 1:0:0.1", "percolate --sigma -1", "percolate --L 0", "percolate --trials x"}) {
    const CliResult r = run_factorlab(args);
    EXPECT_EQ(r.code, 2) << args << "\n" << r.output;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << args << "\n" << r.output;
  }
}

// --threads 0 under `taskset -c 0` is one thread (the CPUs the process may run on, core/threads.h),
// and SLURM_CPUS_PER_TASK=1 caps it the same way; percolation.json records the count it used.
TEST(CliPercolate, ThreadsZeroFollowsTheAffinityMaskAndSlurm) {
  if (std::system("command -v taskset > /dev/null 2>&1") != 0) GTEST_SKIP() << "no taskset";
  for (const std::string& prefix : {std::string("taskset -c 0 "), std::string("SLURM_CPUS_PER_TASK=1 ")}) {
    const std::string dir = fresh_dir("perc_threads");
    const std::string cmd = "cd '" + dir + "' && " + prefix + FACTORLAB_EXE +
                            " percolate --sigma 1 --L 8 --lambda 0:1:0.5 --trials 2 --threads 0 --out out 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    const Json j = read_json(dir + "/out/percolation.json");
    EXPECT_EQ(j["timing"]["threads"].get<int>(), 1) << prefix;
  }
}
