// factorlab/analysis/ripser_engine.cpp — see ripser_engine.h.
#include "factorlab/analysis/ripser_engine.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace factorlab {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// A temporary file that is removed when it goes out of scope (also when ripser fails).
class TempFile {
 public:
  explicit TempFile(const std::string& text) {
    std::string pattern = (std::filesystem::temp_directory_path() / "factorlab_ripser_XXXXXX").string();
    // O_CLOEXEC: concurrent resamples fork ripser from several threads; no child keeps this file open.
    const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("ripser engine: cannot create a temporary file " + pattern);
    path_ = pattern;
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
      if (n <= 0) {
        ::close(fd);
        throw std::runtime_error("ripser engine: cannot write the temporary file " + path_);
      }
      done += static_cast<std::size_t>(n);
    }
    ::close(fd);
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Rows 1 .. k-1 of the lower triangle, comma-separated. 9 significant digits identify a float
// exactly, and ripser reads floats.
std::string lower_distance_text(const DistanceMatrix& m) {
  std::string out;
  out.reserve(m.k * m.k * 6);
  char buf[32];
  for (std::size_t i = 1; i < m.k; ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const int n = std::snprintf(buf, sizeof buf, "%.9g", m(i, j));
      out.append(buf, static_cast<std::size_t>(n));
      out.push_back(j + 1 < i ? ',' : '\n');
    }
  }
  return out;
}

}  // namespace

std::string find_ripser(const std::string& program) {
  if (program.empty()) return "";
  if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0 ? program : "";
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::string p = (dir.empty() ? std::string(".") : dir) + "/" + program;
    if (::access(p.c_str(), X_OK) == 0) return p;
  }
  return "";
}

std::vector<PersistencePair> parse_ripser_output(const std::string& text) {
  std::vector<PersistencePair> pairs;
  std::istringstream in(text);
  int dim = -1;
  bool saw_dim0 = false;
  for (std::string line; std::getline(in, line);) {
    int d = -1;
    if (std::sscanf(line.c_str(), "persistence intervals in dim %d:", &d) == 1) {
      dim = d;
      saw_dim0 |= d == 0;
      continue;
    }
    if (line.rfind(" [", 0) != 0) continue;  // "value range: ...", "distance matrix with ...", ...
    PersistencePair p;
    p.dim = dim;
    char close = 0;
    if (dim >= 0 && std::sscanf(line.c_str(), " [%lf,%lf%c", &p.birth, &p.death, &close) == 3 && close == ')') {
      pairs.push_back(p);
    } else if (dim >= 0 && std::sscanf(line.c_str(), " [%lf, %c", &p.birth, &close) == 2 && close == ')') {
      p.death = kInf;
      pairs.push_back(p);
    } else {
      throw std::runtime_error("ripser engine: cannot read the bar '" + line + "' in ripser's output");
    }
  }
  if (!saw_dim0) {
    const std::string head = text.substr(0, std::min<std::size_t>(text.size(), 200));
    throw std::runtime_error("ripser engine: ripser's output has no 'persistence intervals in dim 0:' block: " + head);
  }
  sort_pairs(pairs);
  return pairs;
}

std::vector<PersistencePair> ripser_diagram(const DistanceMatrix& m, int max_dim, const std::string& program) {
  if (m.k == 1) return {PersistencePair{0, 0.0, kInf}};  // ripser needs a matrix; one point is one class
  const TempFile file(lower_distance_text(m));
  const std::string cmd =
      "'" + program + "' --format lower-distance --dim " + std::to_string(max_dim) + " '" + file.path() + "' 2>&1";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) throw std::runtime_error("ripser engine: cannot run " + cmd);
  std::string out;
  char buf[1 << 16];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  const int status = ::pclose(pipe);
  if (status != 0) {
    const std::size_t from = out.size() > 300 ? out.size() - 300 : 0;
    std::string tail = out.substr(from);
    for (char& c : tail)
      if (c == '\n') c = ' ';
    throw std::runtime_error("ripser engine: '" + program + "' on " + std::to_string(m.k) +
                             " points failed (wait status " + std::to_string(status) + "): " + tail);
  }
  return parse_ripser_output(out);
}

}  // namespace factorlab
