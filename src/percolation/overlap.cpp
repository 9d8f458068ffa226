// factorlab/percolation/overlap.cpp — see overlap.h.
#include "factorlab/percolation/overlap.h"

#include <cmath>
#include <stdexcept>
#include <vector>

#include "factorlab/core/config.h"
#include "factorlab/core/error.h"
#include "factorlab/data/render.h"

namespace factorlab {

double analytic_overlap(double sigma, double distance) {
  if (!(sigma > 0)) throw std::invalid_argument("analytic_overlap: sigma = " + format_number(sigma) + " must be > 0");
  return std::exp(-distance * distance / (4.0 * sigma * sigma));
}

double analytic_link_radius(double sigma, double threshold) {
  if (!(threshold > 0 && threshold < 1))
    throw std::invalid_argument("analytic_link_radius: threshold = " + format_number(threshold) +
                                " must lie in (0, 1)");
  return 2.0 * sigma * std::sqrt(std::log(1.0 / threshold));
}

double pixel_search_radius(double sigma, double threshold) {
  return analytic_link_radius(sigma, threshold / 100.0) + 2.0;
}

double pixel_overlap(double sigma, double dx, double dy, int N, bool periodic) {
  if (!(sigma > 0)) throw std::invalid_argument("pixel_overlap: sigma = " + format_number(sigma) + " must be > 0");
  const double limit = periodic ? N / 2.0 : N - 1.0;
  if (N < 2 || std::abs(dx) > limit || std::abs(dy) > limit)
    throw InputError("pixel overlap: bumps " + format_number(std::hypot(dx, dy)) + " pixels apart (dx = " +
                     format_number(dx) + ", dy = " + format_number(dy) + ") do not fit in a " +
                     (periodic ? "periodic " : "") + "frame of N = " + std::to_string(N) + " (allowed: |dx|, |dy| <= " +
                     format_number(limit) + ")");
  ShapeParams p;
  p.shape = Shape::Bump;
  p.sigma_x = p.sigma_y = sigma;
  p.periodic = periodic;
  const double ax = std::floor(N / 2.0 - dx / 2.0), ay = std::floor(N / 2.0 - dy / 2.0);
  const std::size_t n = static_cast<std::size_t>(N) * static_cast<std::size_t>(N);
  std::vector<float> a(n), b(n);
  render(p, N, ax, ay, a.data());
  render(p, N, ax + dx, ay + dy, b.data());
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t k = 0; k < n; ++k) {
    ab += static_cast<double>(a[k]) * b[k];
    aa += static_cast<double>(a[k]) * a[k];
    bb += static_cast<double>(b[k]) * b[k];
  }
  // A bump narrower than float resolution between pixel centres can render as all zeros.
  if (aa <= 0 || bb <= 0) return 0.0;
  return ab / std::sqrt(aa * bb);
}

}  // namespace factorlab
