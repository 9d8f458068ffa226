// factorlab/analysis/bottleneck.h — the bottleneck distance between two persistence diagrams, dimension
// by dimension, as the confidence band (confidence_band.h) needs it. Finite bars: GUDHI 3.7's exact
// Gudhi::persistence_diagram::bottleneck_distance (e = 0; points may also be matched to the
// diagonal, at cost (death - birth) / 2). Essential bars (death = +inf) can only be matched to each
// other: equal counts cost the largest birth difference of the two sorted birth lists (the optimal
// matching on a line), different counts cost +inf. With the whole filtration each diagram has one
// essential bar, the H0 class born at 0, so it is matched to itself at cost 0.
// Deliberately not here: Wasserstein distances, matchings as output.
#pragma once
#include <vector>

#include "factorlab/analysis/diagram.h"

namespace factorlab {

// The bottleneck distance of the bars of dimension `dim` of a and b.
double bottleneck_distance(const std::vector<PersistencePair>& a, const std::vector<PersistencePair>& b, int dim);

// max over dims 0 .. max_dim of bottleneck_distance.
double diagram_distance(const std::vector<PersistencePair>& a, const std::vector<PersistencePair>& b, int max_dim);

}  // namespace factorlab
