// tests/support/scratch_dir.h — a test's own temporary folder: <tmp>/factorlab_<tag>_<pid>_<name>,
// emptied first (so a rerun starts clean) and, unless `create` is false, created. The pid keeps
// tests that run at once (ctest -j) apart.
#pragma once
#include <unistd.h>

#include <filesystem>
#include <string>

namespace factorlab::test_support {

inline std::string scratch_dir(const std::string& tag, const std::string& name = "", bool create = true) {
  const auto d = std::filesystem::temp_directory_path() /
                 ("factorlab_" + tag + "_" + std::to_string(::getpid()) + (name.empty() ? "" : "_" + name));
  std::filesystem::remove_all(d);
  if (create) std::filesystem::create_directories(d);
  return d.string();
}

}  // namespace factorlab::test_support
