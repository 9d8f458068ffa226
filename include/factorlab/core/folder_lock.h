// factorlab/core/folder_lock.h — one writer per run or study folder: an exclusive flock(2) on
// DIR/.factorlab.lock, held for the life of the object by every command that writes into DIR.
// A second writer fails at once with an InputError naming the folder and the holder's pid (the
// holder writes its pid into the file). The kernel drops a flock when its process dies, so a crashed
// or SIGKILLed holder never leaves a stale lock; the file itself may stay and means nothing alone.
// Deliberately advisory and per folder: readers (report, inspect, a running eval's checkpoint reads)
// take no lock, since every file is replaced atomically (fs.h). Within one process a folder's lock
// nests: a FolderLock on a folder this process already holds shares that hold (so a stage that locks
// its output folder also works inside `run`, which holds the run folder); the flock goes when the
// last holder does. That process-wide table mirrors the kernel's own per-process lock state.
// Not for network file systems whose flock is local to a node (e.g. NFS without lock support).
#pragma once
#include <string>

namespace factorlab {

inline constexpr const char* kFolderLockFile = ".factorlab.lock";

class FolderLock {
 public:
  FolderLock() = default;  // holds nothing
  // Creates `dir` when missing, then takes the lock. `file` names the lock inside `dir` (the shards of
  // one study each lock their own name, since they share the study folder by design).
  explicit FolderLock(const std::string& dir, const std::string& file = kFolderLockFile);
  ~FolderLock();
  FolderLock(FolderLock&& other) noexcept;
  FolderLock& operator=(FolderLock&& other) noexcept;
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

  bool held() const { return held_; }
  const std::string& path() const { return path_; }

 private:
  void release();
  bool held_ = false;
  std::string path_;
};

// The lock of a command that writes `out_dir` for the folder `owner` (a run): the owner's lock when
// out_dir lies inside it (RUN/standalone/...: the run itself is being written, so a second writer of
// the run is refused), else out_dir's own. Creates out_dir either way.
FolderLock lock_output(const std::string& out_dir, const std::string& owner);

}  // namespace factorlab
