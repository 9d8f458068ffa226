// factorlab/analysis/distance_matrix.h — the pairwise Euclidean distances of a few hundred chosen rows
// of a point cloud, computed once and shared by both persistence engines (ripser_engine.h,
// gudhi_engine.h), and the enclosing radius min_i max_j d(i, j) (Ripser, Bauer 2021: from that scale
// on every Rips complex is a cone, so the filtration up to it has the diagram of the whole one).
// Deliberately dense and exact: no sparsification, no approximate neighbours.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "factorlab/analysis/points.h"

namespace factorlab {

struct DistanceMatrix {
  std::size_t k = 0;
  std::vector<double> d;  // [k, k] row-major, symmetric, zero diagonal
  double operator()(std::size_t i, std::size_t j) const { return d[i * k + j]; }
};

// Distances between points.row(rows[i]) and points.row(rows[j]). Differences, not the Gram trick:
// |x|^2 + |y|^2 - 2 x.y loses the small distances of far-from-origin points to cancellation.
DistanceMatrix distance_matrix(const Points& points, const std::vector<std::int64_t>& rows);

// min_i max_j d(i, j); 0 for fewer than two points.
double enclosing_radius(const DistanceMatrix& m);

}  // namespace factorlab
