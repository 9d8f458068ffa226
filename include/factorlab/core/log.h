// factorlab/core/log.h — one leveled logger writing to stderr.
// Results never go through the logger (they go to files); it only tells the user what happens.
#pragma once
#include <sstream>
#include <string>

namespace factorlab {

enum class LogLevel { Debug = 0, Info = 1, Warn = 2, Error = 3, Quiet = 4 };

void set_log_level(LogLevel level);
LogLevel log_level();
LogLevel parse_log_level(const std::string& name);  // debug|info|warn|error|quiet
void log_message(LogLevel level, const std::string& message);

namespace detail {
template <class... Args>
std::string concat(const Args&... args) {
  std::ostringstream os;
  (os << ... << args);
  return os.str();
}
}  // namespace detail

template <class... Args> void log_debug(const Args&... a) { log_message(LogLevel::Debug, detail::concat(a...)); }
template <class... Args> void log_info(const Args&... a) { log_message(LogLevel::Info, detail::concat(a...)); }
template <class... Args> void log_warn(const Args&... a) { log_message(LogLevel::Warn, detail::concat(a...)); }
template <class... Args> void log_error(const Args&... a) { log_message(LogLevel::Error, detail::concat(a...)); }

}  // namespace factorlab
