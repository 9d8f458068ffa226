// factorlab/experiments/member_processes.h — study members side by side (`run`/`sweep --jobs J`):
// each member is a child process `factorlab run DIR/config.toml --out DIR --set run.threads=K`, at
// most J at once, its stdout and stderr appended to DIR/log.txt. A member is a separate process so
// that its thread count is its own (LibTorch's is process-wide) and its result cannot depend on J:
// with run.threads fixed it computes exactly what it computes alone (tests/e2e).
// Deliberately not here: which members are due (study_runner.cpp), or the run itself (pipeline).
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace factorlab {

struct MemberJob {
  std::string name;    // for log lines
  std::string dir;     // run folder holding config.toml; log.txt is written there
  int threads = 1;     // run.threads of the child
};

// Called in the parent as each child ends (in the order they end): exit_code 0 is success.
using MemberDone = std::function<void(const MemberJob& job, int exit_code, double seconds)>;

// Runs `jobs` with at most `parallel` children at once, using the factorlab binary `exe`. When a
// child fails, no new child starts; the running ones finish, then a runtime_error names the failed
// members and their logs. A SIGINT / SIGTERM (core/interrupt.h) is passed on to the children (each
// stops with a checkpoint), they are waited for, and Interrupted is thrown.
void run_member_processes(const std::string& exe, const std::vector<MemberJob>& jobs, int parallel,
                          const MemberDone& done);

// This process's own executable (/proc/self/exe).
std::string self_executable();

}  // namespace factorlab
