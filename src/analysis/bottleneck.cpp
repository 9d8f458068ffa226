// factorlab/analysis/bottleneck.cpp — see bottleneck.h.
#include "factorlab/analysis/bottleneck.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include <gudhi/Bottleneck.h>

namespace factorlab {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Split {
  std::vector<std::pair<double, double>> finite;
  std::vector<double> essential_births;
};

Split split(const std::vector<PersistencePair>& pairs, int dim) {
  Split s;
  for (const auto& p : pairs) {
    if (p.dim != dim) continue;
    if (std::isfinite(p.death))
      s.finite.emplace_back(p.birth, p.death);
    else
      s.essential_births.push_back(p.birth);
  }
  std::sort(s.essential_births.begin(), s.essential_births.end());
  return s;
}

double to_diagonal(const std::vector<std::pair<double, double>>& bars) {
  double d = 0.0;
  for (const auto& [b, e] : bars) d = std::max(d, (e - b) / 2);
  return d;
}

}  // namespace

double bottleneck_distance(const std::vector<PersistencePair>& a, const std::vector<PersistencePair>& b, int dim) {
  const Split sa = split(a, dim), sb = split(b, dim);
  if (sa.essential_births.size() != sb.essential_births.size()) return kInf;
  double essential = 0.0;
  for (std::size_t i = 0; i < sa.essential_births.size(); ++i)
    essential = std::max(essential, std::abs(sa.essential_births[i] - sb.essential_births[i]));
  // GUDHI's exact search indexes its sorted candidate distances, which an empty side leaves empty.
  double finite = 0.0;
  if (sa.finite.empty() || sb.finite.empty())
    finite = std::max(to_diagonal(sa.finite), to_diagonal(sb.finite));
  else
    finite = Gudhi::persistence_diagram::bottleneck_distance(sa.finite, sb.finite, 0.0);
  return std::max(essential, finite);
}

double diagram_distance(const std::vector<PersistencePair>& a, const std::vector<PersistencePair>& b, int max_dim) {
  double d = 0.0;
  for (int dim = 0; dim <= max_dim; ++dim) d = std::max(d, bottleneck_distance(a, b, dim));
  return d;
}

}  // namespace factorlab
