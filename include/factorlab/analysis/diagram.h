// factorlab/analysis/diagram.h — a persistence diagram as a list of bars (dim, birth, death), the
// common output of both persistence engines (ripser_engine.h, gudhi_engine.h) and the input of the
// Betti rules (betti_rules.h) and the confidence band (confidence_band.h).
// Deliberately plain data: no cocycles, no representatives.
#pragma once
#include <utility>
#include <vector>

namespace factorlab {

// One bar; death = +inf for a class still alive at the end of the filtration (essential).
struct PersistencePair {
  int dim = 0;
  double birth = 0.0, death = 0.0;
};

// Sorts by dim, then persistence (longest first, essential bars first), then birth.
void sort_pairs(std::vector<PersistencePair>& pairs);

// The bars of one dimension as (birth, death) pairs, in the order they appear.
std::vector<std::pair<double, double>> bars_in_dim(const std::vector<PersistencePair>& pairs, int dim);

}  // namespace factorlab
