// factorlab/core/log.cpp — see log.h.
#include "factorlab/core/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

#include "factorlab/core/error.h"

namespace factorlab {
namespace {
std::atomic<int> g_level{static_cast<int>(LogLevel::Info)};
std::mutex g_mutex;
const char* kNames[] = {"debug", "info", "warn", "error"};
}  // namespace

void set_log_level(LogLevel level) { g_level = static_cast<int>(level); }
LogLevel log_level() { return static_cast<LogLevel>(g_level.load()); }

LogLevel parse_log_level(const std::string& name) {
  if (name == "debug") return LogLevel::Debug;
  if (name == "info") return LogLevel::Info;
  if (name == "warn") return LogLevel::Warn;
  if (name == "error") return LogLevel::Error;
  if (name == "quiet") return LogLevel::Quiet;
  throw InputError("log level '" + name + "' is not one of: debug, info, warn, error, quiet");
}

void log_message(LogLevel level, const std::string& message) {
  if (static_cast<int>(level) < g_level.load() || level == LogLevel::Quiet) return;
  using Clock = std::chrono::steady_clock;
  static const Clock::time_point start = Clock::now();
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::lock_guard<std::mutex> lock(g_mutex);
  std::fprintf(stderr, "[%8.1fs %-5s] %s\n", secs, kNames[static_cast<int>(level)], message.c_str());
  std::fflush(stderr);
}

}  // namespace factorlab
