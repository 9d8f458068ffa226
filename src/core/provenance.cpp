// factorlab/core/provenance.cpp — see provenance.h. FACTORLAB_VERSION and FACTORLAB_TORCH_VERSION are
// set for this file only by src/core/CMakeLists.txt; FACTORLAB_GIT_COMMIT comes from the header that
// cmake/write_commit.cmake generates at every build, so a new commit recompiles this one file.
#include "factorlab/core/provenance.h"

#if __has_include("factorlab_commit.h")
#include "factorlab_commit.h"
#endif

#include <unistd.h>

#include <fstream>
#include <iterator>

#ifndef FACTORLAB_VERSION
#define FACTORLAB_VERSION "unknown"
#endif
#ifndef FACTORLAB_GIT_COMMIT
#define FACTORLAB_GIT_COMMIT ""
#endif
#ifndef FACTORLAB_TORCH_VERSION
#define FACTORLAB_TORCH_VERSION ""
#endif

namespace factorlab {

namespace {
// The arguments of this process joined by spaces; an argument with a space or a quote is single-quoted.
std::string command_line() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string out, arg;
  auto flush = [&] {
    if (!out.empty()) out += ' ';
    if (arg.find_first_of(" '\"\t\n") == std::string::npos && !arg.empty()) {
      out += arg;
    } else {
      out += '\'';
      for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
      out += '\'';
    }
    arg.clear();
  };
  for (char c : raw) {
    if (c == '\0') flush();
    else arg += c;
  }
  if (!arg.empty()) flush();
  return out;
}

std::string host_name() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof(buf) - 1) != 0) return "";
  return buf;
}
}  // namespace

const char* factorlab_version() { return FACTORLAB_VERSION; }

std::string version_line() {
  std::string s = std::string("factorlab ") + FACTORLAB_VERSION;
  std::string extra;
  if (*FACTORLAB_GIT_COMMIT) extra = std::string("commit ") + FACTORLAB_GIT_COMMIT;
  if (*FACTORLAB_TORCH_VERSION) extra += (extra.empty() ? "" : ", ") + std::string("LibTorch ") + FACTORLAB_TORCH_VERSION;
  return extra.empty() ? s : s + " (" + extra + ")";
}

Provenance current_provenance() {
  return Provenance{FACTORLAB_VERSION, FACTORLAB_GIT_COMMIT, FACTORLAB_TORCH_VERSION, host_name(), command_line()};
}

Json to_json(const Provenance& p) {
  return Json{{"factorlab", p.factorlab}, {"commit", p.commit}, {"torch", p.torch}, {"host", p.host}, {"command", p.command}};
}

}  // namespace factorlab
