// tests/analysis/clouds.h — seeded point clouds with known topology for the persistence tests:
// circle, sphere, Clifford torus (rotated into R^dim), uniform cube, Gaussian blob, two disks.
// Test-only helpers (header-only); the ideal grid tori are in analysis/tori.h.
#pragma once
#include <cmath>
#include <cstdint>

#include "factorlab/analysis/points.h"
#include "factorlab/core/rng.h"

namespace factorlab::test_clouds {

constexpr double kPi = 3.14159265358979323846;

inline Points circle(int n, double noise, std::uint64_t seed) {  // unit circle in R^2, uniform angles
  Rng rng(seed);
  Points p(n, 2);
  for (int i = 0; i < n; ++i) {
    const double a = rng.uniform(0, 2 * kPi);
    p(i, 0) = std::cos(a) + noise * rng.normal();
    p(i, 1) = std::sin(a) + noise * rng.normal();
  }
  return p;
}

inline Points sphere(int n, double noise, std::uint64_t seed) {  // unit sphere in R^3, uniform
  Rng rng(seed);
  Points p(n, 3);
  for (int i = 0; i < n; ++i) {
    Eigen::Vector3d v(rng.normal(), rng.normal(), rng.normal());
    v.normalize();
    for (int j = 0; j < 3; ++j) p(i, j) = v[j] + noise * rng.normal();
  }
  return p;
}

// Clifford torus (cos a, sin a, cos b, sin b), uniform angles, noise in R^4, then embedded in R^dim by
// a random orthonormal 4 x dim frame (distances are kept, coordinates are spread over all features).
inline Points sampled_clifford_torus(int n, double noise, int dim, std::uint64_t seed) {
  Rng rng(seed);
  Points base(n, 4);
  for (int i = 0; i < n; ++i) {
    const double a = rng.uniform(0, 2 * kPi), b = rng.uniform(0, 2 * kPi);
    base.row(i) << std::cos(a), std::sin(a), std::cos(b), std::sin(b);
    for (int j = 0; j < 4; ++j) base(i, j) += noise * rng.normal();
  }
  Eigen::MatrixXd frame(4, dim);
  for (Eigen::Index i = 0; i < frame.size(); ++i) frame.data()[i] = rng.normal();
  for (int i = 0; i < 4; ++i) {  // Gram-Schmidt on the rows
    for (int j = 0; j < i; ++j) frame.row(i) -= frame.row(i).dot(frame.row(j)) * frame.row(j);
    frame.row(i).normalize();
  }
  return base * frame;
}

inline Points random_cube(int n, int dim, std::uint64_t seed) {  // uniform in [0, 1)^dim
  Rng rng(seed);
  Points p(n, dim);
  for (Eigen::Index i = 0; i < p.size(); ++i) p.data()[i] = rng.uniform();
  return p;
}

inline Points gaussian_blob(int n, int dim, std::uint64_t seed) {  // standard normal in R^dim
  Rng rng(seed);
  Points p(n, dim);
  for (Eigen::Index i = 0; i < p.size(); ++i) p.data()[i] = rng.normal();
  return p;
}

// n / 2 points uniform in each of two disks of radius r in the plane, centres `gap` apart on the x axis.
inline Points two_disks(int n, double r, double gap, std::uint64_t seed) {
  Rng rng(seed);
  Points p(n, 2);
  for (int i = 0; i < n; ++i) {
    const double rho = r * std::sqrt(rng.uniform()), a = rng.uniform(0, 2 * kPi);
    p(i, 0) = (i < n / 2 ? 0.0 : gap) + rho * std::cos(a);
    p(i, 1) = rho * std::sin(a);
  }
  return p;
}

}  // namespace factorlab::test_clouds
