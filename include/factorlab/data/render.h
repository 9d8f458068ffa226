// factorlab/data/render.h — the pixel formulas of docs/design.md 1: Gaussian bumps and sums of stripes.
// Pixel (i, j) has centre (x, y) = (i, j): i the column, j the row. Values in [0, 1].
// On the torus (periodic) differences are minimum-image values in [-N/2, N/2).
// Deliberately only formulas: which labels make a dataset is dataset.h's business.
#pragma once

namespace factorlab {

enum class Shape { Bump, Sos };

struct ShapeParams {
  Shape shape = Shape::Bump;
  double sigma_x = 1.0, sigma_y = 1.0;
  bool periodic = false;
};

// Minimum-image difference d in [-n/2, n/2) for a torus of side n.
double wrap_diff(double d, double n);

// Writes one N x N image (row-major [N, N], out[j * N + i]) for label (mu_x, mu_y).
// Labels may lie outside [0, N) (extended canvas): then only the visible part is drawn.
void render(const ShapeParams& p, int N, double mu_x, double mu_y, float* out);

// One pixel value of the formula, for tests and references.
double pixel_value(const ShapeParams& p, int N, double x, double y, double mu_x, double mu_y);

}  // namespace factorlab
