// factorlab/data/holdout.h — regions of label space held out of training (docs/design.md 2).
// A held-out condition becomes an out-of-distribution (OOD) test condition, tagged with the
// sub-region it lies in so evaluation can report the cross holdout's bands and intersection apart.
// Conventions (fixed here because the paper is silent), all in label pixels of the visible frame:
//   band_x [a, b]      a <= mu_x <= b                (a vertical band of the image)
//   band_y [a, b]      a <= mu_y <= b
//   cross [a, b]       band_x [a, b] or band_y [a, b] (paper Exp. 2: a, b = 13, 19 for N = 32)
//   square_interior W  lo <= mu_x, mu_y < lo + W with lo = floor((N - W) / 2)   (W x W labels at spacing 1)
//   square_exterior W  0 <= mu_x, mu_y < W           (the corner block at the label origin)
//   lesion_x w         |mu_x - N/2| < w / 2          (w = 1, 3.5, 8 hold out 1, 3, 7 columns)
// With units = "fraction", a, b, W and w are multiplied by N first.
#pragma once
#include <cstdint>
#include <string>

#include "factorlab/core/config.h"

namespace factorlab {

enum class HoldoutType { None, BandX, BandY, Cross, SquareInterior, SquareExterior, LesionX };
enum class Units { Pixels, Fraction };

inline const EnumNames<HoldoutType> kHoldoutNames = {
    {"none", HoldoutType::None},           {"band_x", HoldoutType::BandX},
    {"band_y", HoldoutType::BandY},        {"cross", HoldoutType::Cross},
    {"square_interior", HoldoutType::SquareInterior}, {"square_exterior", HoldoutType::SquareExterior},
    {"lesion_x", HoldoutType::LesionX}};
inline const EnumNames<Units> kUnitNames = {{"pixels", Units::Pixels}, {"fraction", Units::Fraction}};

// Region codes stored with every test condition (dataset.npz "ood_region").
enum Region : std::int8_t {
  kRegionId = 0,         // in distribution
  kRegionBandX = 1,      // only mu_x in the band (the vertical band of a cross)
  kRegionBandY = 2,      // only mu_y in the band (the horizontal band)
  kRegionCross = 3,      // both: the intersection of the cross
  kRegionHeldOut = 4,    // a square or lesion holdout
};
const char* region_name(int region);  // "id", "band_x", "band_y", "intersection", "holdout"

struct HoldoutConfig {
  HoldoutType type = HoldoutType::None;
  double a = 0, b = 0;  // band bounds
  double w = 0;         // square side W or lesion width w
  Units units = Units::Pixels;

  template <class V> void visit(V& v) {
    v("type", type, kHoldoutNames);
    v("a", a);
    v("b", b);
    v("w", w);
    v("units", units, kUnitNames);
  }
  void validate(const std::string& key, int N) const;
};

// The region a label falls in under this holdout: kRegionId if it is kept for training.
std::int8_t holdout_region(const HoldoutConfig& h, int N, double mu_x, double mu_y);

}  // namespace factorlab
