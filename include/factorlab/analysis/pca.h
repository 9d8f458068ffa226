// factorlab/analysis/pca.h — principal component analysis of a representation (docs/design.md 7.2):
// eigenspectrum, explained-variance ratios, the top-k components and the projections on them, and the
// effective dimension (participation ratio (sum lambda)^2 / sum lambda^2; components for 95 %).
// Centred PCA, covariance normalised by 1 / (n - 1) (as numpy.cov and sklearn's PCA). It solves the
// smaller of the two symmetric eigenproblems: the covariance [dim, dim] when dim <= n, else the Gram
// matrix [n, n] (features >> points is the common case for activations); both give the same spectrum.
// Deliberately not randomized or truncated SVD: n is at most a few thousand, so the exact dense
// eigensolver is affordable and deterministic. Reference: Jolliffe, "Principal Component Analysis"
// (the Gram trick is the "dual PCA" of Section 3.5 / sklearn's PCA with svd_solver="full").
#pragma once
#include <cstdint>
#include <string>

#include "factorlab/analysis/pca_config.h"
#include "factorlab/analysis/points.h"
#include "factorlab/core/config.h"
#include "factorlab/core/json.h"

namespace factorlab {


// An eigenvalue at or below kPcaRankTolerance * (largest eigenvalue) counts as zero: round-off in the
// eigensolver is ~1e-16 of the largest, so this is far above noise and far below any real direction.
constexpr double kPcaRankTolerance = 1e-10;

struct PcaResult {
  std::int64_t n_points = 0, dim = 0;
  PcaMethod method = PcaMethod::Auto;  // the path actually taken (Covariance or Gram)
  Eigen::VectorXd mean;                // [dim]
  // All r = min(n - 1, dim) eigenvalues of the covariance, descending, negatives from round-off set
  // to 0; explained_ratio = eigenvalue / sum (all 0 when there is no variance).
  Eigen::VectorXd eigenvalues;      // [r]
  Eigen::VectorXd explained_ratio;  // [r]
  // The top k principal directions as rows, orthonormal (on the Gram path to round-off
  // ~1e-16 / sqrt(eigenvalue / largest)); the sign makes each row's largest-magnitude
  // entry positive (deterministic across paths). A direction whose eigenvalue counts as zero is
  // arbitrary in theory; the Gram path leaves it as a zero row.
  Points components;   // [k, dim]
  Points projections;  // [n, k]: (x - mean) . component

  // (sum lambda)^2 / sum lambda^2: 1 for a line, d for d equal directions; 0 when there is no variance.
  double participation_ratio() const;
  // Smallest m such that the first m components explain at least `fraction` (in (0, 1]) of the
  // variance; 0 when there is no variance. InputError for a fraction outside (0, 1].
  int n_components_for(double fraction) const;
  // Number of eigenvalues above kPcaRankTolerance * the largest.
  int numerical_rank() const;
};

// PCA of points [n, dim] (n >= 2, dim >= 1), keeping k >= 0 components (k is clamped to r).
// InputError for fewer than 2 points, no features, non-finite values or a negative k.
PcaResult pca(const Points& points, int k, PcaMethod method = PcaMethod::Auto);

// pca.csv: component (1-based), eigenvalue, explained_ratio, cumulative — one row per eigenvalue. Atomic.
void write_pca_csv(const std::string& path, const PcaResult& r);
// For analysis.json: sizes, method, spectrum, participation ratio, n_components_95. No projections
// (they go to .npy via points_to_npy).
Json to_json(const PcaResult& r);

}  // namespace factorlab
