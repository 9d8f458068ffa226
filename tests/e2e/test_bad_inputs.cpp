// End-to-end: every bad input of tests/e2e/bad_inputs.tsv (configs, --set overrides, arrays,
// checkpoints, CLI arguments) gets its expected exit code and ONE clear error line on stderr.
// Table format (tab-separated, '#' lines are comments): id, category, the factorlab arguments,
// a shell command that prepares files first ('-' for none), the expected exit code, and a substring
// the error line must contain. Each case runs in its own empty folder with $FL (the binary) and
// $RUN (a tiny trained run made by the "setup" row) in the environment; a case that needs to change
// the run copies it first. scripts/bad_inputs_table.sh runs the same table to write docs/bad_inputs.md.
// Deliberately not: checking the wording beyond the substring (the docs table shows it in full).
#include <gtest/gtest.h>

#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_runner.h"
#include "factorlab/core/fs.h"

namespace {

struct BadInput {
  std::string id, category, args, setup, contains;
  int code = 0;
};

std::vector<BadInput> read_table(const std::string& path) {
  std::ifstream in(path);
  std::vector<BadInput> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string field; std::getline(ss, field, '\t');) f.push_back(field);
    if (f.size() == 5) f.emplace_back();  // an empty last column
    if (f.size() != 6) throw std::runtime_error("bad_inputs.tsv: a row without 6 fields: " + line);
    out.push_back({f[0], f[1], f[2], f[3], f[5], std::stoi(f[4])});
  }
  return out;
}

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

extern "C" char** environ;

// Runs a shell command line in `dir` with FL and RUN set; returns the exit code (-1: no exit).
// posix_spawn, unlike std::system, may be called from several threads at once.
int shell(const std::string& dir, const std::string& run, const std::string& line) {
  const std::string cmd = "cd " + quote(dir) + " && FL=" + quote(FACTORLAB_EXE) + " RUN=" + quote(run) +
                          " /bin/sh -c " + quote(line);
  std::string sh = "/bin/sh", c = "-c";
  char* argv[] = {sh.data(), c.data(), const_cast<char*>(cmd.c_str()), nullptr};
  pid_t pid = 0;
  if (posix_spawn(&pid, "/bin/sh", nullptr, nullptr, argv, environ) != 0) return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string l; std::getline(ss, l);)
    if (!l.empty()) out.push_back(l);
  return out;
}

bool starts_with(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

}  // namespace

TEST(BadInputs, TableHasEnoughCasesInEveryCategory) {
  const auto table = read_table(FACTORLAB_SOURCE_DIR "/tests/e2e/bad_inputs.tsv");
  std::map<std::string, int> per;
  std::set<std::string> ids;
  for (const auto& c : table) {
    ++per[c.category];
    EXPECT_TRUE(ids.insert(c.id).second) << "duplicate id " << c.id;
  }
  EXPECT_GE(static_cast<int>(table.size()) - per["setup"], 55);
  for (const char* cat : {"config", "override", "array", "checkpoint", "cli"}) EXPECT_GE(per[cat], 5) << cat;
}

TEST(BadInputs, EveryCaseGivesItsExitCodeAndOneErrorLine) {
  if (run_factorlab("train --help").code != 0) GTEST_SKIP() << "this factorlab has no train command (no LibTorch)";
  const auto table = read_table(FACTORLAB_SOURCE_DIR "/tests/e2e/bad_inputs.tsv");
  const std::string base = fresh_dir("bad_inputs");
  const std::string run = base + "/fixture_run";
  // Each case's setup and run, then the checks; the setup rows (the fixture) first and alone, the
  // cases in parallel (independent folders; the fixture is only read, or copied first).
  struct Outcome {
    int setup = 0, code = -1;
    std::string err;
  };
  std::vector<Outcome> outcomes(table.size());
  auto run_case = [&](std::size_t i) {
    const BadInput& c = table[i];
    const std::string dir = base + "/" + c.id;
    std::filesystem::create_directories(dir);
    Outcome& o = outcomes[i];
    if (c.setup != "-") o.setup = shell(dir, run, c.setup);
    if (o.setup != 0) return;
    o.code = shell(dir, run, "\"$FL\" " + c.args + " > " + quote(dir + "/.stdout") + " 2> " + quote(dir + "/.stderr"));
    o.err = factorlab::read_file(dir + "/.stderr");
  };
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].category == "setup") {
      run_case(i);
      ASSERT_EQ(outcomes[i].code, 0) << table[i].id << " failed: " << outcomes[i].err;
    }
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  for (unsigned w = 0; w < std::max(2u, std::thread::hardware_concurrency()); ++w)
    workers.emplace_back([&] {
      for (std::size_t i; (i = next++) < table.size();)
        if (table[i].category != "setup") run_case(i);
    });
  for (auto& t : workers) t.join();

  for (std::size_t i = 0; i < table.size(); ++i) {
    const BadInput& c = table[i];
    const Outcome& o = outcomes[i];
    if (c.category == "setup") continue;
    SCOPED_TRACE(c.id + ": factorlab " + c.args);
    ASSERT_EQ(o.setup, 0) << "the setup command failed: " << c.setup;
    const std::string& err = o.err;
    EXPECT_EQ(o.code, c.code) << err;
    // One error line, last on stderr (log lines may come before it), no LibTorch trace after it.
    const auto lines = lines_of(err);
    ASSERT_FALSE(lines.empty()) << "no message at all";
    int error_lines = 0;
    for (const auto& l : lines) error_lines += starts_with(l, "factorlab: error: ") || starts_with(l, "factorlab: failed: ");
    EXPECT_EQ(error_lines, 1) << err;
    EXPECT_TRUE(starts_with(lines.back(), "factorlab: error: ")) << "the last stderr line is not the error:\n" << err;
    EXPECT_NE(lines.back().find(c.contains), std::string::npos) << "missing '" << c.contains << "' in:\n" << err;
    for (const char* trace : {"Exception raised from", "frame #", "terminate called", "what():"})
      EXPECT_EQ(err.find(trace), std::string::npos) << "a stack trace or abort:\n" << err;
  }
}
