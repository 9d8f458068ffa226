// factorlab/experiments/study_eta.cpp — see study_eta.h.
#include "factorlab/experiments/study_eta.h"

#include <cmath>

#include "factorlab/core/progress.h"

namespace factorlab {

StudyEta study_eta(const Json& entries, std::size_t left) {
  StudyEta eta;
  eta.left = left;
  double total = 0;
  if (entries.is_array())
    for (const auto& e : entries) {
      if (!e.is_object() || e.value("stage", "").rfind("run:", 0) != 0) continue;
      const auto s = e.find("seconds");
      if (s == e.end() || !s->is_number()) continue;
      const double v = s->get<double>();
      if (!std::isfinite(v) || v < 0) continue;
      total += v;
      ++eta.finished;
    }
  if (eta.finished > 0) eta.mean_s = total / static_cast<double>(eta.finished);
  eta.left_s = eta.mean_s * static_cast<double>(left);
  return eta;
}

std::string describe(const StudyEta& eta) {
  if (eta.finished == 0 || eta.left == 0) return "";
  return "ETA " + format_duration(eta.left_s) + " for " + std::to_string(eta.left) + (eta.left == 1 ? " run" : " runs") +
         " left (mean " + format_duration(eta.mean_s) + " over " + std::to_string(eta.finished) + " finished)";
}

}  // namespace factorlab
