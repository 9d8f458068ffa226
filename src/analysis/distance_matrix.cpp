// factorlab/analysis/distance_matrix.cpp — see distance_matrix.h.
#include "factorlab/analysis/distance_matrix.h"

#include <algorithm>
#include <limits>

namespace factorlab {

DistanceMatrix distance_matrix(const Points& points, const std::vector<std::int64_t>& rows) {
  DistanceMatrix m;
  m.k = rows.size();
  m.d.assign(m.k * m.k, 0.0);
  for (std::size_t i = 0; i < m.k; ++i)
    for (std::size_t j = i + 1; j < m.k; ++j)
      m.d[i * m.k + j] = m.d[j * m.k + i] = (points.row(rows[i]) - points.row(rows[j])).norm();
  return m;
}

double enclosing_radius(const DistanceMatrix& m) {
  if (m.k < 2) return 0.0;
  double r = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < m.k; ++i) {
    double far = 0.0;
    for (std::size_t j = 0; j < m.k; ++j) far = std::max(far, m(i, j));
    r = std::min(r, far);
  }
  return r;
}

}  // namespace factorlab
