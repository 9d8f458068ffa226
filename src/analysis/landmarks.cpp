// factorlab/analysis/landmarks.cpp — see landmarks.h.
#include "factorlab/analysis/landmarks.h"

#include <cmath>
#include <limits>
#include <string>

#include "factorlab/core/error.h"
#include "factorlab/core/rng.h"

namespace factorlab {

std::vector<std::int64_t> farthest_point_sampling(const Points& points, std::int64_t count, std::int64_t first,
                                                  double* cover_radius) {
  const std::int64_t n = points.rows();
  require(n > 0, "farthest-point sampling needs at least one point, got an empty point cloud");
  require(count >= 1, "farthest-point sampling: count = " + std::to_string(count) + " must be at least 1");
  require(first >= 0 && first < n, "farthest-point sampling: first = " + std::to_string(first) +
                                       " is out of range (allowed: 0 .. " + std::to_string(n - 1) + ")");
  const std::int64_t k = count < n ? count : n;
  // nearest[i]: squared distance from point i to its nearest landmark so far. Squared distances keep
  // the order of distances, so the selection is the same and no sqrt is needed inside the loop.
  std::vector<double> nearest(static_cast<std::size_t>(n), std::numeric_limits<double>::infinity());
  std::vector<char> is_landmark(static_cast<std::size_t>(n), 0);
  std::vector<std::int64_t> chosen;
  chosen.reserve(static_cast<std::size_t>(k));
  std::int64_t next = first;
  double farthest = 0.0;
  for (std::int64_t j = 0; j < k; ++j) {
    chosen.push_back(next);
    is_landmark[static_cast<std::size_t>(next)] = 1;
    const auto landmark = points.row(next);
    farthest = 0.0;
    std::int64_t arg = -1;
    for (std::int64_t i = 0; i < n; ++i) {
      const double d = (points.row(i) - landmark).squaredNorm();
      double& m = nearest[static_cast<std::size_t>(i)];
      if (d < m) m = d;
      // Strict '>' makes the smallest index win a tie; landmarks are skipped so that duplicate points
      // (distance 0) are still chosen as distinct indices.
      if (!is_landmark[static_cast<std::size_t>(i)] && (arg < 0 || m > farthest)) {
        farthest = m;
        arg = i;
      }
    }
    next = arg;
  }
  if (cover_radius) *cover_radius = std::sqrt(farthest);
  return chosen;
}

std::int64_t seeded_start(std::int64_t n_points, std::uint64_t seed) {
  require(n_points > 0, "seeded_start: n_points = " + std::to_string(n_points) + " must be positive");
  Rng rng = Rng::derive(seed, "landmarks");
  return static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(n_points)));
}

}  // namespace factorlab
