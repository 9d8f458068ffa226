// factorlab/core/folder_lock.cpp — see folder_lock.h.
#include "factorlab/core/folder_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <algorithm>
#include <iterator>
#include <map>
#include <mutex>
#include <utility>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"

namespace factorlab {

namespace {
// The holder's pid as it wrote it ("" when it has not written it yet or the file is unreadable).
std::string holder_pid(int fd) {
  char buf[32] = {};
  const ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
  std::string s = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s.find_first_not_of("0123456789") == std::string::npos ? s : "";
}
}  // namespace

namespace {
// The locks this process holds: absolute lock-file path -> (fd, holders). Guarded by its mutex.
struct HeldLocks {
  std::mutex mutex;
  std::map<std::string, std::pair<int, int>> fds;
};
HeldLocks& held_locks() {
  static HeldLocks h;
  return h;
}
std::string key_of(const std::string& path) { return std::filesystem::absolute(path).lexically_normal().string(); }
}  // namespace

FolderLock::FolderLock(const std::string& dir, const std::string& file) : path_(dir + "/" + file) {
  make_dirs(dir);
  HeldLocks& h = held_locks();
  const std::lock_guard<std::mutex> guard(h.mutex);
  const std::string key = key_of(path_);
  if (auto it = h.fds.find(key); it != h.fds.end()) {
    ++it->second.second;  // this process holds it already: share the hold
    held_ = true;
    return;
  }
  const int fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw InputError("cannot open the lock file '" + path_ + "': " + std::strerror(errno));
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    const int err = errno;
    const std::string pid = err == EWOULDBLOCK ? holder_pid(fd) : "";
    ::close(fd);
    if (err != EWOULDBLOCK) throw InputError("cannot lock '" + path_ + "': " + std::strerror(err));
    throw InputError("'" + dir + "' is in use by another factorlab process (" +
                     (pid.empty() ? std::string("pid unknown") : "pid " + pid) + ", lock " + path_ + ")");
  }
  const std::string me = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, me.data(), me.size(), 0) != static_cast<ssize_t>(me.size())) {
    ::close(fd);
    throw InputError("cannot write the lock file '" + path_ + "'");
  }
  h.fds[key] = {fd, 1};
  held_ = true;
}

FolderLock::~FolderLock() { release(); }

FolderLock::FolderLock(FolderLock&& other) noexcept
    : held_(std::exchange(other.held_, false)), path_(std::move(other.path_)) {}

FolderLock& FolderLock::operator=(FolderLock&& other) noexcept {
  if (this != &other) {
    release();
    held_ = std::exchange(other.held_, false);
    path_ = std::move(other.path_);
  }
  return *this;
}

void FolderLock::release() {
  if (!held_) return;
  held_ = false;
  HeldLocks& h = held_locks();
  const std::lock_guard<std::mutex> guard(h.mutex);
  const auto it = h.fds.find(key_of(path_));
  if (it == h.fds.end() || --it->second.second > 0) return;
  const int fd = it->second.first;
  h.fds.erase(it);
  // Empty the pid first so a reader never names a holder that is gone; closing drops the flock.
  if (::ftruncate(fd, 0) != 0) {
    // The stale pid stays in the file; harmless, since the flock (gone on close) is what counts.
  }
  ::close(fd);
}

FolderLock lock_output(const std::string& out_dir, const std::string& owner) {
  const std::filesystem::path out = std::filesystem::absolute(out_dir).lexically_normal();
  const std::filesystem::path own = std::filesystem::absolute(owner).lexically_normal();
  const auto own_end = std::mismatch(own.begin(), own.end(), out.begin(), out.end()).first;
  const bool inside = own_end == own.end() || (std::next(own_end) == own.end() && own_end->empty());
  FolderLock lock(inside ? owner : out_dir);
  make_dirs(out_dir);
  return lock;
}

}  // namespace factorlab
