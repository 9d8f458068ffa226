// factorlab/eval/region_groups.h — the groups an evaluation reports, and which of them a sample counts
// in by the region of its condition (data/holdout.h Region). Shared by every per-group score
// (placement.h, novelty.h) so the names and their order are spelled once.
// Groups: all; id; ood (every region but id); band_x, band_y, intersection (the cross holdout's
// parts); holdout (a square or lesion holdout). A sample counts in "all", its region's own group,
// and "ood" unless its region is id.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

#include "factorlab/data/holdout.h"

namespace factorlab {

inline constexpr int kRegionGroupCount = 7;
inline constexpr const char* kRegionGroupNames[kRegionGroupCount] = {"all",    "id",           "ood",    "band_x",
                                                                     "band_y", "intersection", "holdout"};

// The indices into kRegionGroupNames a sample of this region counts in (2 or 3 of them).
struct RegionGroups {
  int index[3] = {0, 0, 0};
  int count = 0;
};

// std::invalid_argument "<caller>: unknown region code <r>" for a code Region does not define.
inline RegionGroups region_groups(std::int8_t region, const char* caller) {
  int own = 0;
  switch (region) {
    case kRegionId: own = 1; break;
    case kRegionBandX: own = 3; break;
    case kRegionBandY: own = 4; break;
    case kRegionCross: own = 5; break;
    case kRegionHeldOut: own = 6; break;
    default: throw std::invalid_argument(std::string(caller) + ": unknown region code " + std::to_string(region));
  }
  RegionGroups g;
  g.index[g.count++] = 0;
  g.index[g.count++] = own;
  if (own != 1) g.index[g.count++] = 2;
  return g;
}

}  // namespace factorlab
