// factorlab/analysis/pca.cpp — see pca.h.
#include "factorlab/analysis/pca.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"

namespace factorlab {
namespace {

using Matrix = Eigen::MatrixXd;

// Flips row c of components (and column c of projections) so the largest-magnitude entry is positive.
void fix_sign(Points& components, Points& projections, Eigen::Index c) {
  Eigen::Index arg = 0;
  components.row(c).cwiseAbs().maxCoeff(&arg);
  if (components(c, arg) < 0) {
    components.row(c) *= -1.0;
    projections.col(c) *= -1.0;
  }
}

}  // namespace

PcaResult pca(const Points& points, int k, PcaMethod method) {
  const Eigen::Index n = points.rows(), dim = points.cols();
  require(n >= 2, "PCA needs at least 2 points, got " + std::to_string(n));
  require(dim >= 1, "PCA needs at least 1 feature, got 0");
  require(k >= 0, "PCA: number of components k = " + std::to_string(k) + " must be >= 0");
  require(points.allFinite(), "PCA: the points contain NaN or infinite values");

  PcaResult res;
  res.n_points = n;
  res.dim = dim;
  const Eigen::Index r = std::min(n - 1, dim);
  const Eigen::Index kk = std::min<Eigen::Index>(k, r);
  if (method == PcaMethod::Auto) method = dim <= n ? PcaMethod::Covariance : PcaMethod::Gram;
  res.method = method;

  res.mean = points.colwise().mean().transpose();
  const Points xc = points.rowwise() - res.mean.transpose();  // [n, dim]
  const double norm = 1.0 / static_cast<double>(n - 1);

  // Only the lower triangle is formed (rankUpdate) and read (SelfAdjointEigenSolver): half the flops.
  Matrix m;
  if (method == PcaMethod::Covariance) {
    m = Matrix::Zero(dim, dim);
    m.selfadjointView<Eigen::Lower>().rankUpdate(xc.transpose());
  } else {
    m = Matrix::Zero(n, n);
    m.selfadjointView<Eigen::Lower>().rankUpdate(xc);
  }
  Eigen::SelfAdjointEigenSolver<Matrix> eig(m);
  if (eig.info() != Eigen::Success) throw std::runtime_error("PCA: the eigensolver did not converge");
  const Eigen::VectorXd& ev = eig.eigenvalues();  // ascending
  const Matrix& vec = eig.eigenvectors();
  const Eigen::Index size = ev.size();

  res.eigenvalues.resize(r);
  for (Eigen::Index i = 0; i < r; ++i) res.eigenvalues(i) = std::max(0.0, ev(size - 1 - i)) * norm;
  const double total = res.eigenvalues.sum();
  res.explained_ratio = total > 0 ? Eigen::VectorXd(res.eigenvalues / total) : Eigen::VectorXd::Zero(r);

  res.components.resize(kk, dim);
  res.projections.resize(n, kk);
  const double zero = kPcaRankTolerance * std::max(0.0, ev(size - 1));
  for (Eigen::Index c = 0; c < kk; ++c) {
    const auto u = vec.col(size - 1 - c);  // eigenvector of the c-th largest eigenvalue
    if (method == PcaMethod::Covariance) {
      res.components.row(c) = u.transpose();
      res.projections.col(c) = xc * u;
    } else {
      // Gram G = Xc Xc^T = U L U^T: v = Xc^T u / sqrt(l) is the unit direction. Dividing by the
      // computed norm of Xc^T u instead of sqrt(l) matters for small l: l carries an absolute error
      // ~ eps * l_max, i.e. a relative one ~ eps / (l / l_max) that would show up as a non-unit v.
      const double l = ev(size - 1 - c);
      if (l > zero && l > 0) {
        const Eigen::VectorXd w = xc.transpose() * u;
        res.components.row(c) = w.transpose() / w.norm();
        res.projections.col(c) = xc * res.components.row(c).transpose();
      } else {
        res.components.row(c).setZero();
        res.projections.col(c).setZero();
        continue;
      }
    }
    fix_sign(res.components, res.projections, c);
  }
  return res;
}

double PcaResult::participation_ratio() const {
  const double sum = eigenvalues.sum(), sum_sq = eigenvalues.squaredNorm();
  return sum_sq > 0 ? sum * sum / sum_sq : 0.0;
}

int PcaResult::n_components_for(double fraction) const {
  if (!(fraction > 0 && fraction <= 1))
    throw InputError("variance fraction = " + format_number(fraction) + " is out of range (allowed: (0, 1])");
  const double total = eigenvalues.sum();
  if (!(total > 0)) return 0;
  // The relative slack keeps fraction = 1 reachable despite round-off in the cumulative sum.
  const double target = fraction * total * (1.0 - 1e-12);
  double cum = 0;
  for (Eigen::Index i = 0; i < eigenvalues.size(); ++i) {
    cum += eigenvalues(i);
    if (cum >= target) return static_cast<int>(i + 1);
  }
  return static_cast<int>(eigenvalues.size());
}

int PcaResult::numerical_rank() const {
  if (eigenvalues.size() == 0 || !(eigenvalues(0) > 0)) return 0;
  const double zero = kPcaRankTolerance * eigenvalues(0);
  return static_cast<int>((eigenvalues.array() > zero).count());
}

void write_pca_csv(const std::string& path, const PcaResult& r) {
  std::string text = "component,eigenvalue,explained_ratio,cumulative\n";
  double cum = 0;
  for (Eigen::Index i = 0; i < r.eigenvalues.size(); ++i) {
    cum += r.explained_ratio(i);
    text += std::to_string(i + 1) + "," + format_number(r.eigenvalues(i)) + "," + format_number(r.explained_ratio(i)) +
            "," + format_number(cum) + "\n";
  }
  write_file_atomic(path, text);
}

Json to_json(const PcaResult& r) {
  Json j;
  j["n_points"] = r.n_points;
  j["dim"] = r.dim;
  j["method"] = enum_name(r.method, kPcaMethodNames);
  j["total_variance"] = r.eigenvalues.sum();
  j["participation_ratio"] = r.participation_ratio();
  j["n_components_95"] = r.n_components_for(0.95);
  j["numerical_rank"] = r.numerical_rank();
  j["eigenvalues"] = std::vector<double>(r.eigenvalues.data(), r.eigenvalues.data() + r.eigenvalues.size());
  j["explained_ratio"] =
      std::vector<double>(r.explained_ratio.data(), r.explained_ratio.data() + r.explained_ratio.size());
  return j;
}

}  // namespace factorlab
