// factorlab/core/stopwatch.h — wall-clock lap timer for the timing fields of analysis.json and
// friends (steady clock, seconds). Deliberately not a profiler: one lap() at a time, no statistics.
#pragma once
#include <chrono>

namespace factorlab {

class Stopwatch {
 public:
  // Seconds since construction or the previous lap().
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace factorlab
