// factorlab/analysis/umap.h — UMAP embedding of a representation into 2 or 3 dimensions, for pictures
// (docs/design.md 7.5). The algorithm of McInnes, Healy & Melville 2018 as umap-learn implements it (umappp
// is the C++ reading of the same code): kNN graph; smooth_knn_dist (rho = distance to the nearest
// neighbour, sigma by binary search so that sum_j exp(-(d_j - rho) / sigma) = log2(n_neighbors));
// membership strengths; fuzzy union A + A^T - A o A^T; a, b fitted to min_dist and spread by least
// squares; edges weaker than max / n_epochs dropped; spectral (normalized Laplacian) or PCA
// initialisation scaled to [0, 10] plus N(0, 1e-4) noise; SGD with the per-edge epoch schedule,
// attractive and repulsive gradients clipped at 4, negative_sample_rate negatives per positive
// sample, learning rate decaying linearly to 0.
// As in umap-learn, n_neighbors counts the point itself (15 means the 14 nearest others).
// Determinism: same seed and threads = 1 give a bitwise identical embedding. threads > 1 runs the SGD
// Hogwild-style (as umap-learn's parallel mode): the same random draws, but updates race, so the
// embedding may differ from run to run.
// Deliberately not: other metrics than Euclidean, transform() of new points, densMAP, supervised
// UMAP, umap-learn's multi-component spectral layout (a disconnected graph falls back to PCA, which
// the result says; umappp falls back to random in that case).
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/SparseCore>

#include "factorlab/analysis/knn.h"
#include "factorlab/analysis/points.h"
#include "factorlab/analysis/umap_config.h"
#include "factorlab/core/config.h"
#include "factorlab/core/json.h"

namespace factorlab {


using SparseGraph = Eigen::SparseMatrix<double, Eigen::RowMajor>;

struct UmapResult {
  Points embedding;                     // [n, n_components]
  UmapInit init_used = UmapInit::Spectral;
  std::string init_note;                // why spectral fell back to PCA; empty when it did not
  KnnMethod knn_used = KnnMethod::Exact;
  int n_neighbors_used = 0;             // the point itself included
  int n_epochs = 0;
  double a = 0, b = 0;
  int graph_components = 0;             // connected components of the fuzzy graph
  std::int64_t n_edges = 0;             // directed edges optimised (each graph edge twice)
  int spectral_restarts = 0;            // eigensolver restarts (0 when spectral was not tried)
  double seconds_knn = 0, seconds_graph = 0, seconds_init = 0, seconds_optimize = 0;
};

// UMAP of points [n, dim]. InputError for a bad config, non-finite values or n < n_components + 2.
UmapResult umap(const Points& points, const UmapConfig& config);

// --- the steps, public for tests and for reuse ---

// The symmetric fuzzy simplicial set of a kNN table whose k columns exclude the point itself
// (n_neighbors = k + 1, target log2(k + 1)). rho and sigma are umap-learn's per-point values.
struct FuzzyGraph {
  SparseGraph weights;     // [n, n] symmetric, zero diagonal, entries in (0, 1]
  Eigen::VectorXd rho;     // [n] distance to the nearest neighbour at positive distance
  Eigen::VectorXd sigma;   // [n] the smoothing bandwidth found by binary search
};
FuzzyGraph fuzzy_simplicial_set(const KnnResult& knn);

// a, b of the low-dimensional similarity 1 / (1 + a d^(2b)), fitted by least squares (Levenberg-
// Marquardt) to 1 for d < min_dist, exp(-(d - min_dist) / spread) beyond, at 300 points of [0, 3 spread].
std::pair<double, double> find_ab(double spread, double min_dist);

// Number of connected components; labels[i] in [0, count) when labels is given.
int connected_components(const SparseGraph& graph, std::vector<int>* labels = nullptr);

// The eigenvectors of the normalized Laplacian I - D^-1/2 W D^-1/2 for its 2nd .. (n_components+1)-th
// smallest eigenvalues (the first, with eigenvector D^1/2 1, is left out as umap-learn does), by a
// restarted block Krylov method with Rayleigh-Ritz (convergence as ARPACK's test in umap-learn's
// eigsh call: residual <= 1e-4 * max(eps^(2/3), eigenvalue)). Each vector's largest entry is positive.
// ok is false, with a note, for a disconnected graph, too few points or no convergence.
struct SpectralResult {
  bool ok = false;
  std::string note;
  Points vectors;               // [n, n_components]
  Eigen::VectorXd eigenvalues;  // [n_components] of the normalized Laplacian, ascending
  int restarts = 0;
};
SpectralResult spectral_layout(const SparseGraph& graph, int n_components, std::uint64_t seed);

// embedding.csv: index, mu_x, mu_y, u1, u2[, u3] — one row per point; labels [n, 2] = (mu_x, mu_y).
// InputError for mismatched shapes. Written atomically.
void write_embedding_csv(const std::string& path, const Points& embedding, const Points& labels);

// For analysis.json: everything in the result but the embedding.
Json to_json(const UmapResult& r);

}  // namespace factorlab
