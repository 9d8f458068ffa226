// factorlab/analysis/tori.cpp — see tori.h.
#include "factorlab/analysis/tori.h"

#include <cmath>
#include <string>

#include "factorlab/core/config.h"
#include "factorlab/core/error.h"

namespace factorlab {
namespace {

constexpr double kTwoPi = 6.283185307179586476925286766559;

void check_labels(const Points& labels, double N) {
  require(labels.cols() == 2, "torus reference: labels must have 2 columns (mu_x, mu_y), got " +
                                  std::to_string(labels.cols()));
  check_positive("torus reference: N", N);
}

}  // namespace

Points torus_3d(const Points& labels, double N, double R, double r) {
  check_labels(labels, N);
  require(r > 0 && R > r, "3D torus: radii R = " + format_number(R) + ", r = " + format_number(r) +
                              " are not allowed (need R > r > 0)");
  Points p(labels.rows(), 3);
  for (Eigen::Index i = 0; i < labels.rows(); ++i) {
    const double a = kTwoPi * labels(i, 0) / N, b = kTwoPi * labels(i, 1) / N;
    const double ring = R + r * std::cos(a);
    p(i, 0) = ring * std::cos(b);
    p(i, 1) = ring * std::sin(b);
    p(i, 2) = r * std::sin(a);
  }
  return p;
}

Points clifford_torus(const Points& labels, double N, double r1, double r2) {
  check_labels(labels, N);
  check_positive("Clifford torus: r1", r1);
  check_positive("Clifford torus: r2", r2);
  Points p(labels.rows(), 4);
  for (Eigen::Index i = 0; i < labels.rows(); ++i) {
    const double a = kTwoPi * labels(i, 0) / N, b = kTwoPi * labels(i, 1) / N;
    p(i, 0) = r1 * std::cos(a);
    p(i, 1) = r1 * std::sin(a);
    p(i, 2) = r2 * std::cos(b);
    p(i, 3) = r2 * std::sin(b);
  }
  return p;
}

Points grid_labels(int nx, int ny, double N) {
  require(nx >= 1 && ny >= 1, "grid_labels: nx = " + std::to_string(nx) + ", ny = " + std::to_string(ny) +
                                  " must be >= 1");
  check_positive("grid_labels: N", N);
  Points l(static_cast<Eigen::Index>(nx) * ny, 2);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      l(static_cast<Eigen::Index>(j) * nx + i, 0) = i * N / nx;
      l(static_cast<Eigen::Index>(j) * nx + i, 1) = j * N / ny;
    }
  return l;
}

}  // namespace factorlab
