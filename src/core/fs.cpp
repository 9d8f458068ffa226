// factorlab/core/fs.cpp — see fs.h.
#include "factorlab/core/fs.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "factorlab/core/error.h"

namespace factorlab {
namespace fs = std::filesystem;

void make_dirs(const std::string& path) {
  if (path.empty()) return;
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) throw InputError("cannot create folder '" + path + "': " + ec.message());
}

void write_file_atomic(const std::string& path, const void* data, std::size_t size) {
  const fs::path target(path);
  if (target.has_parent_path()) make_dirs(target.parent_path().string());
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot write '" + tmp + "': " + std::strerror(errno));
  const char* p = static_cast<const char*>(data);
  std::size_t left = size;
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      throw std::runtime_error("cannot write '" + path + "': " + why);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    throw std::runtime_error("cannot flush '" + path + "': " + why);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    throw std::runtime_error("cannot rename '" + tmp + "' to '" + path + "': " + why);
  }
}

void write_file_atomic(const std::string& path, const std::string& text) {
  write_file_atomic(path, text.data(), text.size());
}

std::string read_file(const std::string& path) {
  std::error_code ec;
  // An ifstream opens a folder without complaint and reads nothing: a config "file" that is a
  // folder would silently be an empty config.
  if (fs::is_directory(path, ec)) throw InputError("'" + path + "' is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot open '" + path + "'" + (fs::exists(path, ec) ? "" : ": it does not exist"));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw InputError("cannot read '" + path + "'");
  return ss.str();
}

bool file_exists(const std::string& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

void ensure_writable_dir(const std::string& path) {
  make_dirs(path);
  if (!fs::is_directory(path)) throw InputError("output folder '" + path + "' is not a folder");
  // Try for real: access(W_OK) says yes to root on a folder it cannot write in practice (read-only
  // mounts aside), and says nothing about a full disk.
  const std::string probe = path + "/.factorlab_write_test." + std::to_string(::getpid());
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw InputError("output folder '" + path + "' is not writable: " + std::strerror(errno));
  ::close(fd);
  ::unlink(probe.c_str());
}

std::uint64_t free_bytes(const std::string& path) {
  struct statvfs s {};
  if (::statvfs(path.c_str(), &s) != 0)
    throw InputError("cannot query free space of '" + path + "': " + std::strerror(errno));
  return static_cast<std::uint64_t>(s.f_bavail) * static_cast<std::uint64_t>(s.f_frsize);
}

void require_free_space(const std::string& path, std::uint64_t bytes, const std::string& what) {
  const std::uint64_t have = free_bytes(path);
  if (have >= bytes) return;
  auto mb = [](std::uint64_t b) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(b) / (1024.0 * 1024.0));
    return std::string(buf);
  };
  throw InputError("'" + path + "': only " + mb(have) + " MB free, need ~" + mb(bytes) + " MB for " + what +
                   " (free some space or choose another --out)");
}

bool is_temp_file_name(const std::string& name) {
  const auto at = name.rfind(".tmp.");
  if (at == std::string::npos || at == 0 || at + 5 == name.size()) return false;
  for (std::size_t i = at + 5; i < name.size(); ++i)
    if (name[i] < '0' || name[i] > '9') return false;
  return true;
}

int remove_stale_temp_files(const std::string& dir) {
  int removed = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (!is_temp_file_name(name) || !e.is_regular_file(ec)) continue;
    const std::string digits = name.substr(name.rfind(".tmp.") + 5);
    if (digits.size() > 9) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    const bool alive = pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH;
    if (!alive && fs::remove(e.path(), ec)) ++removed;
  }
  return removed;
}

}  // namespace factorlab
