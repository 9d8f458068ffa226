// factorlab/analysis/landmarks.h — farthest-point sampling (greedy k-centre) of a point cloud, to pick
// at most `max_points` landmarks before persistent homology (docs/design.md 7.3).
// Each new landmark is the point farthest (Euclidean) from the landmarks chosen so far; ties go to the
// smallest index, so the result is a pure function of the points and the first index.
// Deliberately exact and single-threaded: O(count x n x dim), no spatial index, no approximation.
// Reference: Gonzalez (1985), the 2-approximation of the k-centre problem; GUDHI's
// choose_n_farthest_points.h does the same selection (we keep our own so ties are deterministic).
#pragma once
#include <cstdint>
#include <vector>

#include "factorlab/analysis/points.h"

namespace factorlab {

// Indices of min(count, n) landmarks in selection order, starting with `first`.
// If cover_radius is given it receives the largest distance from any point to its nearest landmark
// (0 when every point is a landmark). InputError if the cloud is empty, count < 1 or first is out of range.
std::vector<std::int64_t> farthest_point_sampling(const Points& points, std::int64_t count, std::int64_t first = 0,
                                                  double* cover_radius = nullptr);

// A seeded first index in [0, n_points): the same seed always gives the same start.
std::int64_t seeded_start(std::int64_t n_points, std::uint64_t seed);

}  // namespace factorlab
