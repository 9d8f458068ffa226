// factorlab/core/progress.cpp — see progress.h.
#include "factorlab/core/progress.h"

#include <unistd.h>

#include <cstdio>

#include "factorlab/core/log.h"

namespace factorlab {

std::string format_duration(double s) {
  char buf[32];
  if (s < 0) s = 0;
  if (s < 60) std::snprintf(buf, sizeof buf, "%.1fs", s);
  else if (s < 3600) std::snprintf(buf, sizeof buf, "%dm%02ds", int(s) / 60, int(s) % 60);
  else std::snprintf(buf, sizeof buf, "%dh%02dm", int(s) / 3600, (int(s) % 3600) / 60);
  return buf;
}

Progress::Progress(std::string label, std::int64_t total, std::string unit, double log_every_s)
    : label_(std::move(label)), unit_(std::move(unit)), total_(total), log_every_s_(log_every_s),
      tty_(::isatty(2) != 0), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

Progress::~Progress() {
  if (!finished_ && done_ > 0 && tty_ && log_level() <= LogLevel::Info) std::fprintf(stderr, "\n");
}

double Progress::elapsed_s() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}
double Progress::rate() const {
  const double e = elapsed_s();
  return e > 0 ? static_cast<double>(done_) / e : 0.0;
}

void Progress::advance(std::int64_t n, const std::string& note) {
  done_ += n;
  if (!note.empty()) note_ = note;
  const auto now = std::chrono::steady_clock::now();
  const double since = std::chrono::duration<double>(now - last_draw_).count();
  if (done_ >= total_ || since >= (tty_ ? 0.2 : log_every_s_)) {
    last_draw_ = now;
    draw(false);
  }
}

void Progress::finish() {
  if (finished_) return;
  finished_ = true;
  // advance() already drew the final count; a terminal only needs its line ended.
  if (done_ >= total_ && drawn_ == done_) {
    if (tty_ && log_level() <= LogLevel::Info) std::fprintf(stderr, "\n");
    return;
  }
  draw(true);
}

void Progress::draw(bool final) {
  drawn_ = done_;
  if (log_level() > LogLevel::Info) return;
  const double r = rate();
  const double eta = r > 0 ? static_cast<double>(total_ - done_) / r : 0.0;
  const double frac = total_ > 0 ? static_cast<double>(done_) / static_cast<double>(total_) : 1.0;
  char line[256];
  if (tty_) {
    const int width = 24, filled = static_cast<int>(frac * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(width - filled), '.');
    std::snprintf(line, sizeof line, "\r%s [%s] %lld/%lld %.1f %s/s, %s elapsed, ETA %s %s\x1b[K", label_.c_str(),
                  bar.c_str(), (long long)done_, (long long)total_, r, unit_.c_str(),
                  format_duration(elapsed_s()).c_str(), format_duration(eta).c_str(), note_.c_str());
    std::fprintf(stderr, "%s%s", line, final ? "\n" : "");
    std::fflush(stderr);
  } else {
    std::snprintf(line, sizeof line, "%s %lld/%lld (%.0f%%) %.1f %s/s, %s elapsed, ETA %s %s", label_.c_str(),
                  (long long)done_, (long long)total_, 100.0 * frac, r, unit_.c_str(),
                  format_duration(elapsed_s()).c_str(), format_duration(eta).c_str(), note_.c_str());
    log_info(line);
  }
}

}  // namespace factorlab
