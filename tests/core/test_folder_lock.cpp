// Tests for core/folder_lock.h: one writer per folder, a second one is told the holder's pid, and a
// killed holder leaves no stale lock. The two-process cases fork; the child holds the lock.
#include "factorlab/core/folder_lock.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "factorlab/core/error.h"

#include "../support/scratch_dir.h"

namespace factorlab {
namespace {

using test_support::scratch_dir;


// The message a second writer gets, or "" when it got the lock.
std::string second_writer_error(const std::string& dir, const std::string& file = kFolderLockFile) {
  try {
    FolderLock again(dir, file);
    return "";
  } catch (const InputError& e) {
    return e.what();
  }
}

// Forks a child that takes the lock on `dir`, reports on a pipe, then waits to be killed.
pid_t child_holding(const std::string& dir) {
  int ready[2];
  if (::pipe(ready) != 0) return -1;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(ready[0]);
    char ok = 'n';
    try {
      FolderLock lock(dir);
      ok = 'y';
      if (::write(ready[1], &ok, 1) != 1) ::_exit(3);
      for (;;) ::pause();
    } catch (...) {
      if (::write(ready[1], &ok, 1) != 1) ::_exit(3);
      ::_exit(2);
    }
  }
  ::close(ready[1]);
  char ok = 'n';
  if (::read(ready[0], &ok, 1) != 1 || ok != 'y') {
    ::close(ready[0]);
    return -1;
  }
  ::close(ready[0]);
  return pid;
}

TEST(FolderLock, SecondWriterInAnotherProcessIsToldTheHoldersPid) {
  const std::string dir = scratch_dir("lock", "two", false);
  const pid_t child = child_holding(dir);
  ASSERT_GT(child, 0);
  const std::string err = second_writer_error(dir);
  EXPECT_NE(err.find("'" + dir + "' is in use by another factorlab process (pid " + std::to_string(child) + ","),
            std::string::npos)
      << err;
  EXPECT_EQ(err.find('\n'), std::string::npos) << "one line: " << err;
  // A crash (SIGKILL, no destructor runs) leaves no stale lock: the kernel drops the flock.
  ::kill(child, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_TRUE(std::filesystem::exists(dir + "/" + kFolderLockFile));  // the file may stay ...
  EXPECT_EQ(second_writer_error(dir), "");                            // ... the lock does not
}

// Whether another process (util-linux flock(1), a fresh exec) could take the lock now.
bool free_for_another_process(const std::string& dir) {
  const std::string cmd = "flock -n '" + dir + "/" + kFolderLockFile + "' true";
  return std::system(cmd.c_str()) == 0;
}

TEST(FolderLock, NestsWithinAProcessAndIsHeldUntilTheLastHolderGoes) {
  if (std::system("command -v flock > /dev/null 2>&1") != 0) GTEST_SKIP() << "no flock(1) (util-linux)";
  const std::string dir = scratch_dir("lock", "one", false);
  {
    FolderLock a(dir);
    EXPECT_TRUE(a.held());
    EXPECT_FALSE(free_for_another_process(dir));
    {
      const FolderLock nested(dir);  // a stage inside `run`: shares the hold
      EXPECT_TRUE(nested.held());
      EXPECT_EQ(second_writer_error(dir + "/."), "");  // the same folder spelled differently
    }
    EXPECT_FALSE(free_for_another_process(dir)) << "the nested holder released the outer one's lock";
    FolderLock b = std::move(a);
    EXPECT_FALSE(a.held());
    EXPECT_TRUE(b.held());
    EXPECT_FALSE(free_for_another_process(dir));
  }
  EXPECT_TRUE(free_for_another_process(dir));
  FolderLock none;
  EXPECT_FALSE(none.held());
}

TEST(FolderLock, LockNamesAreIndependent) {
  const std::string dir = scratch_dir("lock", "names", false);
  const pid_t child = child_holding(dir);  // holds the default name
  ASSERT_GT(child, 0);
  EXPECT_EQ(second_writer_error(dir, ".factorlab.shard-1-of-2.lock"), "");
  EXPECT_NE(second_writer_error(dir), "");
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
}

TEST(FolderLock, UnusableFolderIsAnInputError) {
  const std::string dir = scratch_dir("lock", "file", false);
  std::filesystem::create_directories(std::filesystem::path(dir).parent_path());
  { FILE* f = std::fopen(dir.c_str(), "w"); ASSERT_NE(f, nullptr); std::fclose(f); }
  EXPECT_THROW(FolderLock(dir + "/sub"), std::exception);
  std::filesystem::remove(dir);
}

}  // namespace
}  // namespace factorlab
