// factorlab/data/render.cpp — see render.h. Separable: a bump is the outer product of two 1D
// profiles, a sum of stripes their outer sum, so an image costs O(N) exponentials, not O(N^2).
#include "factorlab/data/render.h"

#include <cmath>
#include <vector>

namespace factorlab {

double wrap_diff(double d, double n) {
  d = std::fmod(d + n / 2.0, n);
  if (d < 0) d += n;
  return d - n / 2.0;
}

namespace {
double profile(double x, double mu, double sigma, bool periodic, int N) {
  const double d = periodic ? wrap_diff(x - mu, N) : x - mu;
  return std::exp(-d * d / (2.0 * sigma * sigma));
}
}  // namespace

double pixel_value(const ShapeParams& p, int N, double x, double y, double mu_x, double mu_y) {
  const double gx = profile(x, mu_x, p.sigma_x, p.periodic, N);
  const double gy = profile(y, mu_y, p.sigma_y, p.periodic, N);
  return p.shape == Shape::Bump ? gx * gy : 0.5 * (gx + gy);
}

void render(const ShapeParams& p, int N, double mu_x, double mu_y, float* out) {
  std::vector<double> gx(N), gy(N);
  for (int i = 0; i < N; ++i) gx[i] = profile(i, mu_x, p.sigma_x, p.periodic, N);
  for (int j = 0; j < N; ++j) gy[j] = profile(j, mu_y, p.sigma_y, p.periodic, N);
  for (int j = 0; j < N; ++j)
    for (int i = 0; i < N; ++i)
      out[j * N + i] = static_cast<float>(p.shape == Shape::Bump ? gx[i] * gy[j] : 0.5 * (gx[i] + gy[j]));
}

}  // namespace factorlab
