// factorlab/data/holdout.cpp — see holdout.h.
#include "factorlab/data/holdout.h"

#include <cmath>

namespace factorlab {

namespace {
constexpr double kEps = 1e-9;  // lattice labels sit exactly on bounds; be inclusive of rounding
}

const char* region_name(int region) {
  switch (region) {
    case kRegionId: return "id";
    case kRegionBandX: return "band_x";
    case kRegionBandY: return "band_y";
    case kRegionCross: return "intersection";
    case kRegionHeldOut: return "holdout";
  }
  return "unknown";
}

void HoldoutConfig::validate(const std::string& key, int N) const {
  const double scale = units == Units::Fraction ? N : 1.0;
  switch (type) {
    case HoldoutType::None: return;
    case HoldoutType::BandX:
    case HoldoutType::BandY:
    case HoldoutType::Cross:
      require(a * scale <= b * scale, key + ".a = " + format_number(a) + " must not exceed " + key + ".b = " +
                                          format_number(b));
      return;
    case HoldoutType::SquareInterior:
    case HoldoutType::SquareExterior:
      check_range(key + ".w", w * scale, 1e-9, N);
      return;
    case HoldoutType::LesionX:
      check_range(key + ".w", w * scale, 1e-9, N);
      return;
  }
}

std::int8_t holdout_region(const HoldoutConfig& h, int N, double mu_x, double mu_y) {
  const double s = h.units == Units::Fraction ? N : 1.0;
  const double a = h.a * s, b = h.b * s, w = h.w * s;
  auto in_band = [&](double mu) { return mu >= a - kEps && mu <= b + kEps; };
  switch (h.type) {
    case HoldoutType::None: return kRegionId;
    case HoldoutType::BandX: return in_band(mu_x) ? kRegionBandX : kRegionId;
    case HoldoutType::BandY: return in_band(mu_y) ? kRegionBandY : kRegionId;
    case HoldoutType::Cross: {
      const bool bx = in_band(mu_x), by = in_band(mu_y);
      if (bx && by) return kRegionCross;
      if (bx) return kRegionBandX;
      if (by) return kRegionBandY;
      return kRegionId;
    }
    case HoldoutType::SquareInterior: {
      const double lo = std::floor((N - w) / 2.0);
      auto in = [&](double mu) { return mu >= lo - kEps && mu < lo + w - kEps; };
      return in(mu_x) && in(mu_y) ? kRegionHeldOut : kRegionId;
    }
    case HoldoutType::SquareExterior: {
      auto in = [&](double mu) { return mu >= -kEps && mu < w - kEps; };
      return in(mu_x) && in(mu_y) ? kRegionHeldOut : kRegionId;
    }
    case HoldoutType::LesionX:
      return std::fabs(mu_x - N / 2.0) < w / 2.0 - kEps ? kRegionHeldOut : kRegionId;
  }
  return kRegionId;
}

}  // namespace factorlab
