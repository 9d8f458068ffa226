// factorlab/analysis/betti_rules.cpp — see betti_rules.h.
#include "factorlab/analysis/betti_rules.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace factorlab {
namespace {

std::vector<double> persistences(const std::vector<PersistencePair>& pairs, int dim, double threshold) {
  std::vector<double> v;
  for (const auto& p : pairs)
    if (p.dim == dim) v.push_back(bar_persistence(p, threshold));
  std::sort(v.begin(), v.end(), std::greater<double>());
  return v;
}

std::size_t dims(int max_dim) { return static_cast<std::size_t>(std::max(max_dim + 1, 0)); }

}  // namespace

double bar_persistence(const PersistencePair& p, double threshold) {
  return (std::isfinite(p.death) ? p.death : threshold) - p.birth;
}

double reference_death(const std::vector<PersistencePair>& pairs, double threshold) {
  double ref = 0.0;
  bool skipped_h0 = false;
  for (const auto& p : pairs) {
    if (std::isfinite(p.death)) {
      ref = std::max(ref, p.death);
    } else if (p.dim == 0 && !skipped_h0) {
      skipped_h0 = true;  // the component that never dies
    } else {
      ref = std::max(ref, threshold);
    }
  }
  return ref;
}

std::vector<int> fraction_betti(const std::vector<PersistencePair>& pairs, int max_dim, double fraction,
                                double threshold) {
  const double bound = fraction * reference_death(pairs, threshold);
  std::vector<int> betti(dims(max_dim), 0);
  for (const auto& p : pairs)
    if (p.dim >= 0 && p.dim <= max_dim && bar_persistence(p, threshold) > bound) ++betti[static_cast<std::size_t>(p.dim)];
  return betti;
}

std::vector<int> gap_betti(const std::vector<PersistencePair>& pairs, int max_dim, double threshold) {
  std::vector<int> betti(dims(max_dim), 0);
  for (int d = 0; d <= max_dim; ++d) {
    std::vector<double> v = persistences(pairs, d, threshold);
    v.push_back(0.0);
    double best = -1.0;
    for (std::size_t i = 0; i + 1 < v.size(); ++i)
      if (v[i] - v[i + 1] > best) best = v[i] - v[i + 1], betti[static_cast<std::size_t>(d)] = static_cast<int>(i + 1);
  }
  return betti;
}

std::vector<int> band_betti(const std::vector<PersistencePair>& pairs, int max_dim, double two_c, double threshold) {
  std::vector<int> betti(dims(max_dim), 0);
  bool counted_h0 = false;
  for (const auto& p : pairs) {
    if (p.dim < 0 || p.dim > max_dim) continue;
    const bool never_dies = p.dim == 0 && !std::isfinite(p.death) && !counted_h0;
    counted_h0 |= never_dies;
    if (never_dies || bar_persistence(p, threshold) > two_c) ++betti[static_cast<std::size_t>(p.dim)];
  }
  return betti;
}

std::vector<std::vector<double>> top_persistence(const std::vector<PersistencePair>& pairs, int max_dim, int count,
                                                 double threshold) {
  std::vector<std::vector<double>> top(dims(max_dim));
  for (int d = 0; d <= max_dim; ++d) {
    std::vector<double> v = persistences(pairs, d, threshold);
    if (v.size() > static_cast<std::size_t>(std::max(count, 0))) v.resize(static_cast<std::size_t>(std::max(count, 0)));
    top[static_cast<std::size_t>(d)] = v;
  }
  return top;
}

}  // namespace factorlab
