// factorlab/eval/eval_config.h — EvalConfig, the [eval] section (docs/design.md 6), and the test
// conditions it selects from a dataset.
// Which conditions, how many samples each, how they are drawn (the one sampling config of
// diffusion/sampling_config.h), and how a sample is judged (tolerance, window radius, the "not a single
// Gaussian" thresholds of locate.h), and when a sample counts as a copy of a training image
// (copy_ratio, novelty.h). Keys are named "eval.<key>" in messages.
// Deliberately not here: sampling itself (needs LibTorch) and the scoring (placement.h).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "factorlab/core/config.h"
#include "factorlab/data/data_config.h"
#include "factorlab/data/dataset.h"
#include "factorlab/diffusion/sampling_config.h"
#include "factorlab/eval/locate.h"

namespace factorlab {

// all: the training (ID) conditions, then the held-out (OOD) ones; id / ood: one of them;
// grid: those of all whose mu_x and mu_y are both multiples of grid_spacing;
// random: random_count of all, drawn without replacement (seeded), in their original order.
enum class ConditionSet { All, Id, Ood, Grid, Random };
inline const EnumNames<ConditionSet> kConditionSetNames = {{"all", ConditionSet::All},
                                                           {"id", ConditionSet::Id},
                                                           {"ood", ConditionSet::Ood},
                                                           {"grid", ConditionSet::Grid},
                                                           {"random", ConditionSet::Random}};

struct EvalConfig {
  ConditionSet conditions = ConditionSet::All;
  double grid_spacing = 4.0;     // grid: keep labels on multiples of this (pixels)
  int random_count = 256;        // random: how many conditions
  int samples_per_condition = 1;
  SampleConfig sampling;         // the one sampling config (sampling_config.h); its seed also draws
                                 // the random / training-time subsets
  double tolerance = 1.0;        // correct if |x_hat - mu_x| <= tolerance (pixels)
  int window_radius = kDefaultWindowRadius;                   // centroid window (2r+1)
  double peak_min = kDefaultPeakMin;                          // fraction of the shape's ideal peak
  double second_peak_fraction = kDefaultSecondPeakFraction;   // of the first peak's height
  int max_conditions = 64;       // evaluation during training: a seeded subset of this size; 0: all
  double copy_ratio = 0.5;       // a copy: distance to the nearest training image < copy_ratio * to the truth

  template <class V> void visit(V& v) {
    v("conditions", conditions, kConditionSetNames);
    v("grid_spacing", grid_spacing);
    v("random_count", random_count);
    v("samples_per_condition", samples_per_condition);
    sampling.visit(v);
    v("tolerance", tolerance);
    v("window_radius", window_radius);
    v("peak_min", peak_min);
    v("second_peak_fraction", second_peak_fraction);
    v("max_conditions", max_conditions);
    v("copy_ratio", copy_ratio);
  }
  void validate() const;  // InputError naming "eval.<key>"
};

// Test conditions with what scoring needs: labels, kinds, regions, shapes and ground truth.
struct EvalConditions {
  int N = 0;
  bool periodic = false;              // of the parts the conditions come from
  std::vector<float> labels;          // [M, 2] (mu_x, mu_y)
  std::vector<std::int8_t> kinds;     // [M] Kind
  std::vector<std::int8_t> regions;   // [M] Region (kRegionId for training conditions)
  std::vector<std::int8_t> parts;     // [M] index into DataConfig::parts
  std::vector<Shape> shapes;          // [M]
  std::vector<float> truth;           // [M, N, N] ground-truth images

  std::int64_t size() const { return static_cast<std::int64_t>(kinds.size()); }
  // Each condition `times` times in a row (samples_per_condition), in the same order.
  EvalConditions repeated(int times) const;
};

// The conditions config.conditions selects from the dataset built from `data`. With limit > 0 and
// more conditions than that, a seeded subset of `limit` (seed config.sampling.seed) in the original order:
// pass config.max_conditions during training, 0 for a full evaluation. InputError if the selection
// is empty or mixes periodic and non-periodic parts.
EvalConditions select_conditions(const EvalConfig& config, const DataConfig& data, const Dataset& dataset,
                                 std::int64_t limit = 0);

}  // namespace factorlab
