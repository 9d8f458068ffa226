// factorlab/eval/locate.h — where is the Gaussian in a generated image? (docs/design.md 6)
// bump: the brightest pixel, then the intensity-weighted centroid of the (2r+1)^2 window around it
// (wrap-around on the torus). sos: x from the column profile (mean over rows), y from the row
// profile (mean over columns), each located the same way in 1D. Plus the "not a single Gaussian"
// test: the peak is too low, or a second local maximum outside the window is too high.
// Works on plain float buffers in data units ([0, 1]-ish); deliberately knows nothing of labels,
// kinds or tolerances (placement.h judges the locations) and fits no model (no Gaussian fit).
//
// Conventions, fixed here because the paper is silent:
// - Ties for the brightest pixel go to the first in row-major order (lowest j, then lowest i).
// - Centroid weights are max(value - baseline, 0): a value below the baseline is noise, not mass,
//   and a negative weight could pull the centroid out of its window. Non-finite values count as 0
//   (and Location::finite is false, so the caller can reject the sample).
// - Periodic: the window wraps; the centroid is taken on the unwrapped window (argmax - r ..
//   argmax + r) and mapped back into [0, N). The radius is capped at (N - 1) / 2 so a window never
//   covers a pixel twice.
// - Non-periodic: near the frame edge the window is shrunk symmetrically around the argmax (radius
//   min(r, a, N - 1 - a)) instead of being clipped on one side. A clipped window would pull the
//   centroid inward (a bump at mu = 0 would read 0.50 with sigma = 1, r = 2); the symmetric window
//   reads 0 there, and its error elsewhere is the ordinary centroid truncation bias: towards the
//   argmax by at most 0.045 pixel for sigma = 1, r = 2 (0.29 for sigma = 2: widen r for wide shapes).
// - Background: a bump's background is 0, so the bump centroid subtracts nothing. An sos profile
//   has an offset (the other stripe, averaged: about 0.5 sqrt(2 pi) sigma / N, 0.04 for N = 32,
//   sigma = 1) that would pull the centroid towards the argmax; the sos locator subtracts the
//   profile's median, which is that offset (to within the stripe's far tail) whenever the stripe
//   covers under half the profile (N = 32, sigma = 1: equal to 1e-6, tests/eval/test_locate.cpp).
//
// "Not a single Gaussian" (is_single_gaussian): heights are measured above the baseline.
// - Peak too low: height < peak_min * ideal_peak_height(shape). The ideal heights are 1 for a bump
//   (its peak pixel) and 0.5 for an sos profile (half a stripe above the median). Default peak_min
//   = 0.5, i.e. half the ideal: a label between pixels lowers the sampled peak to exp(-1/(4 sigma^2))
//   for a bump (0.78 at sigma = 1; still >= 0.5 for sigma >= 0.61) and to exp(-1/(8 sigma^2)) of 0.5
//   for a profile (still >= 0.25 for sigma >= 0.43), so ground truth in the frame passes, while blank or
//   faint images fail.
// - Second peak: a local maximum (>= its existing neighbours: 8 in 2D, 2 in 1D) at Chebyshev
//   distance > r from the argmax (minimum-image when periodic) whose height exceeds
//   second_peak_fraction (default 0.5) of the peak's. A Gaussian's tail decreases monotonically, so
//   ground truth has no such maximum; two bumps, two stripes, a flat grey image and pure noise do.
#pragma once
#include <vector>

#include "factorlab/data/render.h"

namespace factorlab {

inline constexpr int kDefaultWindowRadius = 2;
inline constexpr double kDefaultPeakMin = 0.5;             // fraction of the shape's ideal peak height
inline constexpr double kDefaultSecondPeakFraction = 0.5;  // of the peak's height

// The peak of a 1D signal (a profile) or one axis of a 2D bump.
struct Peak1D {
  double position = 0;  // centroid in pixels; in [0, n) when periodic, in [0, n - 1] otherwise
  int argmax = 0;       // index of the brightest value (first on ties)
  double height = 0;    // brightest value minus the baseline
  double second = 0;    // highest local maximum outside the window, minus the baseline; 0 if none or lower
};

// Locates the peak of values[0 .. n) (see the conventions above). r >= 0, n >= 1, else
// std::invalid_argument. values must be finite.
Peak1D locate_1d(const double* values, int n, int r, bool periodic, double baseline = 0.0);

// Column profile (mean over rows, index i) and row profile (mean over columns, index j) of a
// row-major [N, N] image; non-finite values count as 0.
std::vector<double> column_profile(const float* image, int N);
std::vector<double> row_profile(const float* image, int N);
double profile_median(std::vector<double> values);  // mean of the two middle values when the count is even

// An image's estimated centre, one Peak1D per axis. For a bump both axes share height and second
// (those of the 2D peak); for sos each axis has its own profile's.
struct Location {
  Peak1D x, y;
  bool finite = true;  // false if the image had a non-finite value (counted as 0 while locating)
};

Location locate_bump(const float* image, int N, int r, bool periodic);  // image [N, N]
Location locate_sos(const float* image, int N, int r, bool periodic);   // image [N, N]
Location locate(Shape shape, const float* image, int N, int r, bool periodic);

// 1 for a bump, 0.5 for an sos profile (heights above the baseline of a noiseless image).
double ideal_peak_height(Shape shape);

// True if the axis shows one Gaussian: height >= peak_min * ideal_peak_height(shape) and
// second <= second_peak_fraction * height.
bool is_single_gaussian(const Peak1D& axis, Shape shape, double peak_min = kDefaultPeakMin,
                        double second_peak_fraction = kDefaultSecondPeakFraction);

}  // namespace factorlab
