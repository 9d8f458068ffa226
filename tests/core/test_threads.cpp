// Tests for core/threads.h: threads = 0 resolves to the CPUs this process may run on, never the node's.
#include "factorlab/core/threads.h"

#include <gtest/gtest.h>
#include <sched.h>

#include <cstdlib>
#include <optional>
#include <string>

namespace factorlab {
namespace {

// Restores the calling thread's affinity mask and SLURM_CPUS_PER_TASK when a test ends.
class ThreadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sched_getaffinity(0, sizeof(saved_), &saved_), 0);
    if (const char* v = std::getenv("SLURM_CPUS_PER_TASK")) slurm_ = v;
    unsetenv("SLURM_CPUS_PER_TASK");
  }
  void TearDown() override {
    sched_setaffinity(0, sizeof(saved_), &saved_);
    if (slurm_) setenv("SLURM_CPUS_PER_TASK", slurm_->c_str(), 1);
    else unsetenv("SLURM_CPUS_PER_TASK");
  }
  int first_allowed_cpu() const {
    for (int c = 0; c < CPU_SETSIZE; ++c)
      if (CPU_ISSET(c, &saved_)) return c;
    return -1;
  }
  cpu_set_t saved_;
  std::optional<std::string> slurm_;
};

TEST_F(ThreadsTest, ZeroMeansTheAffinityMask) {
  EXPECT_EQ(usable_cpus(), CPU_COUNT(&saved_));
  EXPECT_EQ(resolve_threads(0), CPU_COUNT(&saved_));
  EXPECT_EQ(resolve_threads(-1), CPU_COUNT(&saved_));
}

// What `taskset -c 0 factorlab ...` does to the process, done to this thread.
TEST_F(ThreadsTest, PinnedToOneCpuResolvesToOne) {
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(first_allowed_cpu(), &one);
  ASSERT_EQ(sched_setaffinity(0, sizeof(one), &one), 0);
  EXPECT_EQ(usable_cpus(), 1);
  EXPECT_EQ(resolve_threads(0), 1);
  EXPECT_EQ(resolve_threads(3), 3);  // an explicit count is the user's choice
}

TEST_F(ThreadsTest, SlurmCpusPerTaskCapsTheMask) {
  setenv("SLURM_CPUS_PER_TASK", "1", 1);
  EXPECT_EQ(resolve_threads(0), 1);
  setenv("SLURM_CPUS_PER_TASK", "100000", 1);  // larger than the mask: the mask wins
  EXPECT_EQ(resolve_threads(0), CPU_COUNT(&saved_));
}

TEST(CapBySlurm, OnlyAPositiveSmallerCountCaps) {
  EXPECT_EQ(cap_by_slurm(8, nullptr), 8);
  EXPECT_EQ(cap_by_slurm(8, ""), 8);
  EXPECT_EQ(cap_by_slurm(8, "2"), 2);
  EXPECT_EQ(cap_by_slurm(8, "16"), 8);
  EXPECT_EQ(cap_by_slurm(8, "0"), 8);
  EXPECT_EQ(cap_by_slurm(8, "-3"), 8);
  EXPECT_EQ(cap_by_slurm(8, "4x"), 8);
}

}  // namespace
}  // namespace factorlab
