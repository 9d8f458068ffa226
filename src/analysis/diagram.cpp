// factorlab/analysis/diagram.cpp — see diagram.h.
#include "factorlab/analysis/diagram.h"

#include <algorithm>
#include <utility>

namespace factorlab {

void sort_pairs(std::vector<PersistencePair>& pairs) {
  std::sort(pairs.begin(), pairs.end(), [](const PersistencePair& a, const PersistencePair& b) {
    if (a.dim != b.dim) return a.dim < b.dim;
    const double la = a.death - a.birth, lb = b.death - b.birth;
    if (la != lb) return la > lb;
    return a.birth < b.birth;
  });
}

std::vector<std::pair<double, double>> bars_in_dim(const std::vector<PersistencePair>& pairs, int dim) {
  std::vector<std::pair<double, double>> out;
  for (const auto& p : pairs)
    if (p.dim == dim) out.emplace_back(p.birth, p.death);
  return out;
}

}  // namespace factorlab
