// factorlab/analysis/subspace.h — principal subspaces of point sets and the principal angles between
// subspaces, the building blocks of the orthogonality test of docs/design.md 7.4.
// principal_subspace: orthonormal basis of the top-k centred directions (PCA, pca.h). Principal
// angles follow Bjorck & Golub (1973): for orthonormal bases A, B the cosines of the principal angles
// are the singular values of A^T B. Deliberately no angles in radians (acos is ill-conditioned near 0,
// and every statistic of docs/design.md 7.4 is a |cos|).
#pragma once
#include <Eigen/Dense>

#include "factorlab/analysis/points.h"

namespace factorlab {

// Orthonormal basis [dim, m] (columns, descending variance) of the top-k centred directions of
// points [n, dim]; m = min(k, numerical rank) — fewer than k columns when the points span fewer
// dimensions (all equal: m = 0), rather than inventing directions. InputError for k < 1 or n < 2.
Eigen::MatrixXd principal_subspace(const Points& points, int k);

// Cosines of the principal angles between span(a) and span(b), descending, clamped to [0, 1]:
// min(a.cols(), b.cols()) values. a [dim, ka] and b [dim, kb] must have orthonormal columns
// (std::invalid_argument otherwise, or when the row counts differ).
Eigen::VectorXd principal_angle_cosines(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b);

}  // namespace factorlab
