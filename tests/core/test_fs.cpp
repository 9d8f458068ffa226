// Tests for core/fs: atomic writes, unwritable folders, free-space checks, stale temporaries.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"

#include "../support/scratch_dir.h"

using namespace factorlab;
namespace fs = std::filesystem;

namespace {

using test_support::scratch_dir;
}  // namespace

TEST(Fs, AtomicWriteReplacesAndLeavesNoTemporary) {
  const std::string dir = scratch_dir("fs", "a");
  write_file_atomic(dir + "/sub/x.txt", std::string("one"));
  write_file_atomic(dir + "/sub/x.txt", std::string("two"));
  EXPECT_EQ(read_file(dir + "/sub/x.txt"), "two");
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir + "/sub")) (void)e, ++n;
  EXPECT_EQ(n, 1) << "a temporary file was left behind";
}

TEST(Fs, MissingFileIsAnInputErrorNamingThePath) {
  try {
    read_file("/nonexistent/factorlab/x.toml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/factorlab/x.toml"), std::string::npos);
  }
}

TEST(Fs, ReadingAFolderIsAnInputError) {
  const std::string dir = scratch_dir("fs", "g");
  try {
    read_file(dir);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("is a folder"), std::string::npos) << e.what();
  }
}

TEST(Fs, UnwritableFolderFailsAtStart) {
  if (::geteuid() == 0) {
    // root may write anywhere; a path under a regular file can never be a folder.
    const std::string dir = scratch_dir("fs", "b");
    write_file_atomic(dir + "/file", std::string("x"));
    EXPECT_THROW(ensure_writable_dir(dir + "/file/run"), InputError);
  } else {
    EXPECT_THROW(ensure_writable_dir("/proc/factorlab_run"), InputError);
  }
}

TEST(Fs, UnwritableFolderMessageNamesThePath) {
  const std::string dir = scratch_dir("fs", "d");
  write_file_atomic(dir + "/file", std::string("x"));
  try {
    ensure_writable_dir(dir + "/file/run");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(dir + "/file/run"), std::string::npos) << e.what();
  }
  // A writable folder passes and keeps no probe file.
  ensure_writable_dir(dir + "/ok");
  EXPECT_TRUE(fs::is_empty(dir + "/ok"));
}

TEST(Fs, FreeSpaceIsPositiveAndTooMuchIsRefused) {
  const std::string dir = scratch_dir("fs", "e");
  const std::uint64_t have = free_bytes(dir);
  EXPECT_GT(have, 0u);
  EXPECT_NO_THROW(require_free_space(dir, 1, "a test"));
  try {
    require_free_space(dir, have + (std::uint64_t{1} << 50), "checkpoints of this run");
    FAIL();
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find(dir), std::string::npos) << m;
    EXPECT_NE(m.find("MB free, need ~"), std::string::npos) << m;
    EXPECT_NE(m.find("checkpoints of this run"), std::string::npos) << m;
  }
  EXPECT_THROW(free_bytes("/nonexistent/factorlab"), InputError);
}

TEST(Fs, TempFileNames) {
  EXPECT_TRUE(is_temp_file_name("step_00000005.ckpt.tmp.123"));
  EXPECT_TRUE(is_temp_file_name("metrics.jsonl.tmp.9"));
  EXPECT_FALSE(is_temp_file_name("step_00000005.ckpt"));
  EXPECT_FALSE(is_temp_file_name("a.tmp."));
  EXPECT_FALSE(is_temp_file_name("a.tmp.12x"));
  EXPECT_FALSE(is_temp_file_name(".tmp.12"));
}

TEST(Fs, StaleTemporariesOfDeadProcessesAreRemoved) {
  const std::string dir = scratch_dir("fs", "f");
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);  // now a pid of no live process
  const std::string dead = dir + "/x.ckpt.tmp." + std::to_string(child);
  const std::string mine = dir + "/y.ckpt.tmp." + std::to_string(::getpid());
  for (const std::string& f : {dead, mine, dir + "/z.ckpt", dir + "/w.tmp.abc"}) write_file_atomic(f, std::string("x"));
  EXPECT_EQ(remove_stale_temp_files(dir), 1);
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(mine));
  EXPECT_TRUE(fs::exists(dir + "/z.ckpt"));
  EXPECT_TRUE(fs::exists(dir + "/w.tmp.abc"));
  EXPECT_EQ(remove_stale_temp_files(dir + "/missing"), 0);
}
