// factorlab/analysis/trustworthiness.cpp — see trustworthiness.h.
#include "factorlab/analysis/trustworthiness.h"

#include <algorithm>
#include <cstdint>

#include "factorlab/analysis/knn.h"
#include "factorlab/core/error.h"

namespace factorlab {

double trustworthiness(const Points& X, const Points& Y, int k) {
  const Eigen::Index n = X.rows();
  require(Y.rows() == n, "trustworthiness: " + std::to_string(n) + " original points but " +
                             std::to_string(Y.rows()) + " embedded points");
  require(k >= 1 && 2 * static_cast<Eigen::Index>(k) < n,
          "trustworthiness: k = " + std::to_string(k) + " is out of range (allowed: 1 <= k < n / 2, n = " +
              std::to_string(n) + ")");
  require(X.allFinite() && Y.allFinite(), "trustworthiness: the points contain NaN or infinite values");
  const KnnResult emb = exact_knn(Y, k);

  // Only the ranks of the k embedding neighbours are needed, so each is counted, not sorted for:
  // r(i, j) = 1 + #{l != i : (d_il, l) < (d_ij, j)}. Rows go in blocks to bound the distance matrix.
  constexpr Eigen::Index kBlock = 256;
  std::int64_t penalty = 0;
  for (Eigen::Index r0 = 0; r0 < n; r0 += kBlock) {
    const Eigen::Index rows = std::min(kBlock, n - r0);
    const Points block = X.middleRows(r0, rows);
    const Eigen::MatrixXd d2 = squared_distances(block, X);  // [rows, n]
    for (Eigen::Index r = 0; r < rows; ++r) {
      const Eigen::Index i = r0 + r;
      for (int c = 0; c < k; ++c) {
        const Eigen::Index j = emb.indices(i, c);
        const double dij = d2(r, j);
        std::int64_t rank = 1;
        for (Eigen::Index l = 0; l < n; ++l)
          if (l != i && (d2(r, l) < dij || (d2(r, l) == dij && l < j))) ++rank;
        penalty += std::max<std::int64_t>(0, rank - k);
      }
    }
  }
  const double nd = static_cast<double>(n), kd = static_cast<double>(k);
  return 1.0 - static_cast<double>(penalty) * (2.0 / (nd * kd * (2.0 * nd - 3.0 * kd - 1.0)));
}

}  // namespace factorlab
