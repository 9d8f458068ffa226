// factorlab/percolation/overlap.h — how much two training images of Gaussian bumps overlap.
// The overlap of two bumps a, b of width sigma whose centres are a distance d apart is the
// normalized inner product <a, b> / (|a| |b|). For continuous isotropic 2D Gaussians it is
// exp(-d^2 / (4 sigma^2)) (docs/design.md 8, the paper's Fig. 6); on pixels it is measured on images
// drawn by factorlab/data/render.h, in a finite frame or on the torus.
// On the pixel grid the overlap equals the analytic one times, per axis, S(m) / sqrt(S(a) S(b)) with
// S(c) = sum_x exp(-(x - c)^2 / sigma^2) and m the midpoint of the centres (completing the square);
// by Poisson summation S ripples with relative amplitude 2 exp(-pi^2 sigma^2): below 1e-4 for
// sigma >= 1, about 0.17 for sigma = 0.5, and for sigma = 0.1 pixelation dominates (no agreement).
// Deliberately not: anisotropic bumps, stripes (sos) or learned representations.
#pragma once

namespace factorlab {

// exp(-d^2 / (4 sigma^2)); sigma > 0, d in the same units (pixels).
double analytic_overlap(double sigma, double distance);

// The distance below which the analytic overlap exceeds `threshold` (0 < threshold < 1):
// 2 sigma sqrt(ln(1 / threshold)).
double analytic_link_radius(double sigma, double threshold);

// Normalized inner product of two rendered N x N bump images (Shape::Bump, sigma_x = sigma_y = sigma)
// whose centres differ by (dx, dy) pixels. Bump a sits on the pixel (floor(N/2 - dx/2),
// floor(N/2 - dy/2)) and b at a + (dx, dy), so the pair is centred in the frame and integer offsets
// put both centres on pixels. periodic: the images live on the torus of side N (minimum image).
// InputError when the pair does not fit: |dx| or |dy| > N - 1 in a finite frame, > N / 2 on the torus.
double pixel_overlap(double sigma, double dx, double dy, int N, bool periodic);

// How far pixel-measured links are searched: the analytic radius for threshold / 100 plus 2 pixels,
// which covers the pixel overlap's excess over the analytic one for sigma >= 0.5 (see above).
double pixel_search_radius(double sigma, double threshold);

}  // namespace factorlab
