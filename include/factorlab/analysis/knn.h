// factorlab/analysis/knn.h — k nearest neighbours of every point of a cloud, in Euclidean distance:
// exact (brute force through the Gram matrix, blocked) or approximate (hnswlib's HNSW graph, L2).
// Neighbour lists exclude the point itself and are sorted by (distance, index); distances are always
// recomputed exactly in double, so both methods report the same numbers for the same neighbours.
// Deliberately not a search structure to keep and query later: one all-points query, then gone.
// References: Malkov & Yashunin 2018 (HNSW; hnswlib 0.6.2 as in Debian); umap-learn's
// nearest_neighbors (exact for small n, approximate above).
#pragma once
#include <cstdint>
#include <string>

#include "factorlab/analysis/knn_config.h"
#include "factorlab/analysis/points.h"
#include "factorlab/core/config.h"

namespace factorlab {


using IndexMatrix = Eigen::Matrix<int, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct KnnResult {
  IndexMatrix indices;  // [n, k] neighbour row numbers, nearest first, never the point itself
  Points distances;     // [n, k] Euclidean distances, ascending
  KnnMethod method = KnnMethod::Exact;  // the method actually used (never Auto)
};

// k neighbours of every row of `points` [n, dim]; InputError unless 1 <= k <= n - 1 and all finite.
KnnResult knn(const Points& points, int k, const KnnConfig& config = {});
KnnResult exact_knn(const Points& points, int k, int threads = 1);
KnnResult hnsw_knn(const Points& points, int k, const KnnConfig& config);

// Fraction of the reference's neighbours that `approx` also lists (same n and k): recall@k.
double knn_recall(const KnnResult& approx, const KnnResult& reference);

// Squared Euclidean distances between the rows of a [m, dim] and b [n, dim] by the Gram trick
// (|a|^2 + |b|^2 - 2 a.b, clamped at 0): [m, n]. Rounding is relative to |a|^2 + |b|^2.
Eigen::MatrixXd squared_distances(const Points& a, const Points& b);

}  // namespace factorlab
