// factorlab/analysis/subspace.cpp — see subspace.h.
#include "factorlab/analysis/subspace.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "factorlab/analysis/pca.h"
#include "factorlab/core/error.h"

namespace factorlab {
namespace {

// A caller that passes a non-orthonormal basis gets singular values that are not cosines; say so.
void check_orthonormal(const Eigen::MatrixXd& m, const char* name) {
  if (m.cols() == 0) return;
  const double err = (m.transpose() * m - Eigen::MatrixXd::Identity(m.cols(), m.cols())).cwiseAbs().maxCoeff();
  if (!(err <= 1e-6))
    throw std::invalid_argument(std::string("principal_angle_cosines: columns of ") + name +
                                " are not orthonormal (max |B^T B - I| = " + std::to_string(err) + ")");
}

}  // namespace

Eigen::MatrixXd principal_subspace(const Points& points, int k) {
  require(k >= 1, "principal_subspace: k = " + std::to_string(k) + " must be >= 1");
  const PcaResult p = pca(points, k);
  const Eigen::Index m = std::min<Eigen::Index>(p.components.rows(), p.numerical_rank());
  const Eigen::MatrixXd b = p.components.topRows(m).transpose();  // [dim, m]
  // Re-orthonormalise: a Gram-path direction with a small eigenvalue l carries round-off ~ eps / sqrt(l)
  // relative to the largest, enough to fail the orthonormality check of principal_angle_cosines.
  // Thin QR keeps the span and the order; the signs of R's diagonal keep each column's orientation.
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(b);
  Eigen::MatrixXd q = qr.householderQ() * Eigen::MatrixXd::Identity(b.rows(), m);
  for (Eigen::Index c = 0; c < m; ++c)
    if (qr.matrixQR()(c, c) < 0) q.col(c) *= -1.0;
  return q;
}

Eigen::VectorXd principal_angle_cosines(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (a.rows() != b.rows())
    throw std::invalid_argument("principal_angle_cosines: bases live in different spaces (" +
                                std::to_string(a.rows()) + " vs " + std::to_string(b.rows()) + " rows)");
  check_orthonormal(a, "a");
  check_orthonormal(b, "b");
  if (a.cols() == 0 || b.cols() == 0) return Eigen::VectorXd();
  const Eigen::MatrixXd c = a.transpose() * b;  // [ka, kb]
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(c);     // singular values come sorted descending
  return svd.singularValues().cwiseMax(0.0).cwiseMin(1.0);
}

}  // namespace factorlab
