// factorlab/experiments/member_processes.cpp — see member_processes.h.
#include "factorlab/experiments/member_processes.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <thread>

#include "factorlab/core/error.h"
#include "factorlab/core/interrupt.h"
#include "factorlab/core/log.h"
#include "factorlab/core/run_files.h"

namespace factorlab {

namespace {

struct Running {
  MemberJob job;
  std::chrono::steady_clock::time_point t0;
};

pid_t start_child(const std::string& exe, const MemberJob& job) {
  const std::string log = job.dir + "/log.txt";
  const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot open '" + log + "' for the output of member '" + job.name + "'");
  const std::string config = in_folder(job.dir, kRunConfig), threads = "run.threads=" + std::to_string(job.threads);
  std::vector<std::string> args{exe, "run", config, "--out", job.dir, "--set", threads};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fd);
    throw std::runtime_error("cannot start a process for member '" + job.name + "' (fork failed)");
  }
  if (pid == 0) {
    // Child: its own process group, so a terminal's Ctrl-C reaches the parent only, which passes it
    // on as SIGTERM once (the child then stops with a checkpoint, as a run does).
    ::setpgid(0, 0);
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    ::execv(exe.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(fd);
  return pid;
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

}  // namespace

std::string self_executable() {
  std::error_code ec;
  const auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw std::runtime_error("cannot find this program's executable (/proc/self/exe) to start study members");
  return p.string();
}

void run_member_processes(const std::string& exe, const std::vector<MemberJob>& jobs, int parallel,
                          const MemberDone& done) {
  if (parallel < 1) throw InputError("--jobs must be at least 1");
  std::map<pid_t, Running> running;
  std::vector<std::string> failed;
  std::size_t next = 0;
  bool forwarded = false;
  while (next < jobs.size() || !running.empty()) {
    const bool stopping = interrupt_requested();
    if (stopping && !forwarded) {
      for (const auto& [pid, r] : running) ::kill(pid, SIGTERM);
      forwarded = true;
    }
    while (!stopping && failed.empty() && next < jobs.size() && static_cast<int>(running.size()) < parallel) {
      const MemberJob& job = jobs[next++];
      const pid_t pid = start_child(exe, job);
      running[pid] = Running{job, std::chrono::steady_clock::now()};
      log_info("member ", job.name, ": started (pid ", pid, ", ", job.threads, " thread", job.threads == 1 ? "" : "s",
               ", log ", job.dir, "/log.txt)");
    }
    if (running.empty()) break;
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid == 0 || (pid < 0 && errno == EINTR)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    if (pid < 0) throw std::runtime_error("waiting for study members failed");
    auto it = running.find(pid);
    if (it == running.end()) continue;  // not one of ours
    const Running r = it->second;
    running.erase(it);
    const int code = exit_code_of(status);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - r.t0).count();
    if (code != 0 && !forwarded) failed.push_back(r.job.name + " (exit " + std::to_string(code) + ", log " + r.job.dir + "/log.txt)");
    done(r.job, code, s);
  }
  if (forwarded) throw Interrupted("interrupted: the running members were stopped (each keeps its last checkpoint)");
  if (!failed.empty()) {
    std::string list;
    for (const auto& f : failed) list += (list.empty() ? "" : "; ") + f;
    throw std::runtime_error(std::to_string(failed.size()) + " study member(s) failed: " + list);
  }
}

}  // namespace factorlab
