// factorlab/eval/locate.cpp — see locate.h. O(N^2) per image: one pass for the argmax, one for the
// local maxima; the window sums are (2r+1)^2.
#include "factorlab/eval/locate.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace factorlab {

namespace {

int wrap_index(int k, int n) {
  k %= n;
  return k < 0 ? k + n : k;
}

// Distance between indices a and k, minimum-image when periodic.
int index_distance(int a, int k, int n, bool periodic) {
  const int d = std::abs(k - a);
  return periodic ? std::min(d, n - d) : d;
}

// Radius of the centroid window at argmax a (see locate.h: capped on the torus, shrunk
// symmetrically at a non-periodic edge).
int window_radius_at(int a, int n, int r, bool periodic) {
  if (periodic) return std::min(r, (n - 1) / 2);
  return std::min({r, a, n - 1 - a});
}

// Maps a centroid on the unwrapped window back into [0, n).
double wrap_position(double p, int n) {
  p = std::fmod(p, static_cast<double>(n));
  if (p < 0) p += n;
  if (p >= n) p = 0;  // -tiny + n rounds to n
  return p;
}

double clean(float v) { return std::isfinite(v) ? static_cast<double>(v) : 0.0; }

void check_args(int n, int r, const char* what) {
  if (n < 1 || r < 0)
    throw std::invalid_argument(std::string(what) + ": need n >= 1 and r >= 0 (got n = " + std::to_string(n) +
                                ", r = " + std::to_string(r) + ")");
}

}  // namespace

Peak1D locate_1d(const double* v, int n, int r, bool periodic, double baseline) {
  check_args(n, r, "locate_1d");
  Peak1D p;
  int a = 0;
  for (int k = 1; k < n; ++k)
    if (v[k] > v[a]) a = k;
  p.argmax = a;
  p.height = v[a] - baseline;

  const int h = window_radius_at(a, n, r, periodic);
  double sw = 0, swd = 0;
  for (int d = -h; d <= h; ++d) {
    const double w = std::max(v[periodic ? wrap_index(a + d, n) : a + d] - baseline, 0.0);
    sw += w;
    swd += w * d;
  }
  const double pos = a + (sw > 0 ? swd / sw : 0.0);
  p.position = periodic ? wrap_position(pos, n) : pos;

  for (int k = 0; k < n; ++k) {
    if (index_distance(a, k, n, periodic) <= r) continue;
    bool is_max = true;
    for (int s : {-1, 1}) {
      const int q = k + s;
      if (q < 0 || q >= n) {
        if (!periodic) continue;
      }
      if (v[wrap_index(q, n)] > v[k]) is_max = false;
    }
    if (is_max) p.second = std::max(p.second, v[k] - baseline);
  }
  return p;
}

std::vector<double> column_profile(const float* image, int N) {
  std::vector<double> c(N, 0.0);
  for (int j = 0; j < N; ++j)
    for (int i = 0; i < N; ++i) c[i] += clean(image[static_cast<std::size_t>(j) * N + i]);
  for (double& x : c) x /= N;
  return c;
}

std::vector<double> row_profile(const float* image, int N) {
  std::vector<double> r(N, 0.0);
  for (int j = 0; j < N; ++j)
    for (int i = 0; i < N; ++i) r[j] += clean(image[static_cast<std::size_t>(j) * N + i]);
  for (double& x : r) x /= N;
  return r;
}

double profile_median(std::vector<double> v) {
  if (v.empty()) throw std::invalid_argument("profile_median of no values");
  const std::size_t h = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + h, v.end());
  const double hi = v[h];
  if (v.size() % 2) return hi;
  return 0.5 * (hi + *std::max_element(v.begin(), v.begin() + h));
}

Location locate_bump(const float* image, int N, int r, bool periodic) {
  check_args(N, r, "locate_bump");
  Location loc;
  const auto at = [&](int i, int j) { return clean(image[static_cast<std::size_t>(j) * N + i]); };
  int ai = 0, aj = 0;
  for (int j = 0; j < N; ++j)
    for (int i = 0; i < N; ++i) {
      if (!std::isfinite(image[static_cast<std::size_t>(j) * N + i])) loc.finite = false;
      if (at(i, j) > at(ai, aj)) ai = i, aj = j;
    }
  const double peak = at(ai, aj);

  const int hx = window_radius_at(ai, N, r, periodic), hy = window_radius_at(aj, N, r, periodic);
  double sw = 0, swx = 0, swy = 0;
  for (int dj = -hy; dj <= hy; ++dj)
    for (int di = -hx; di <= hx; ++di) {
      const int i = periodic ? wrap_index(ai + di, N) : ai + di;
      const int j = periodic ? wrap_index(aj + dj, N) : aj + dj;
      const double w = std::max(at(i, j), 0.0);
      sw += w;
      swx += w * di;
      swy += w * dj;
    }
  const double x = ai + (sw > 0 ? swx / sw : 0.0), y = aj + (sw > 0 ? swy / sw : 0.0);

  double second = 0;
  for (int j = 0; j < N; ++j)
    for (int i = 0; i < N; ++i) {
      if (std::max(index_distance(ai, i, N, periodic), index_distance(aj, j, N, periodic)) <= r) continue;
      const double v = at(i, j);
      bool is_max = true;
      for (int dj = -1; dj <= 1 && is_max; ++dj)
        for (int di = -1; di <= 1; ++di) {
          if (di == 0 && dj == 0) continue;
          int qi = i + di, qj = j + dj;
          if (!periodic && (qi < 0 || qj < 0 || qi >= N || qj >= N)) continue;
          qi = wrap_index(qi, N), qj = wrap_index(qj, N);
          if (at(qi, qj) > v) {
            is_max = false;
            break;
          }
        }
      if (is_max) second = std::max(second, v);
    }

  loc.x = {periodic ? wrap_position(x, N) : x, ai, peak, second};
  loc.y = {periodic ? wrap_position(y, N) : y, aj, peak, second};
  return loc;
}

Location locate_sos(const float* image, int N, int r, bool periodic) {
  check_args(N, r, "locate_sos");
  Location loc;
  for (std::size_t k = 0; k < static_cast<std::size_t>(N) * N; ++k)
    if (!std::isfinite(image[k])) {
      loc.finite = false;
      break;
    }
  const std::vector<double> cx = column_profile(image, N), cy = row_profile(image, N);
  loc.x = locate_1d(cx.data(), N, r, periodic, profile_median(cx));
  loc.y = locate_1d(cy.data(), N, r, periodic, profile_median(cy));
  return loc;
}

Location locate(Shape shape, const float* image, int N, int r, bool periodic) {
  return shape == Shape::Bump ? locate_bump(image, N, r, periodic) : locate_sos(image, N, r, periodic);
}

double ideal_peak_height(Shape shape) { return shape == Shape::Bump ? 1.0 : 0.5; }

bool is_single_gaussian(const Peak1D& axis, Shape shape, double peak_min, double second_peak_fraction) {
  return axis.height >= peak_min * ideal_peak_height(shape) && !(axis.second > second_peak_fraction * axis.height);
}

}  // namespace factorlab
