// factorlab/core/progress.h — a progress bar with rate and ETA for every long loop.
// On a terminal it redraws one line on stderr; otherwise (CI, redirected) it prints a plain line
// at most every `log_every_s` seconds, so logs stay readable. Silent when the log level is above info.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>

namespace factorlab {

class Progress {
 public:
  Progress(std::string label, std::int64_t total, std::string unit = "it", double log_every_s = 10.0);
  ~Progress();
  void advance(std::int64_t n = 1, const std::string& note = "");
  void finish();
  double elapsed_s() const;
  double rate() const;  // units per second so far

 private:
  void draw(bool final);
  std::string label_, unit_, note_;
  std::int64_t total_, done_ = 0, drawn_ = -1;
  double log_every_s_;
  bool tty_, finished_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

std::string format_duration(double seconds);  // "1h02m", "3m05s", "12.3s"

}  // namespace factorlab
