// A tiny harness for e2e tests: run the factorlab binary, capture exit code and output.
#pragma once
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "../support/scratch_dir.h"

struct CliResult {
  int code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a shell command line; its stdout (and what the line redirects there) and exit code.
inline CliResult run_shell(const std::string& cmd) {
  CliResult r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), buf.size(), p)) r.output += buf.data();
  const int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline CliResult run_factorlab(const std::string& args, const std::string& cwd = "") {
  return run_shell((cwd.empty() ? "" : "cd '" + cwd + "' && ") + std::string(FACTORLAB_EXE) + " " + args + " 2>&1");
}

inline std::string fresh_dir(const std::string& name) { return factorlab::test_support::scratch_dir("e2e", name); }
