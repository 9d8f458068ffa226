// factorlab/eval/placement.h — scoring generated samples: is the Gaussian where the condition asked?
// (docs/design.md 6). Locates each sample's centre (locate.h), judges it against its target, and
// reports accuracies overall and per region, the MSE to the ground truth and the rate of samples
// that are not a single Gaussian.
// Deliberately plain buffers in, numbers out: no sampling, no files (eval_grid.h draws the picture).
//
// Exactly how a sample is judged:
// - Judged axes follow the kind: 2D -> x and y; 1D-x -> x only; 1D-y -> y only; 0D -> none.
// - x is correct if the axis is judged, the sample is a single Gaussian on every judged axis, and
//   |x_hat - mu_x| <= tolerance (+1e-9 for rounding), with the minimum-image difference when
//   periodic. A sample that is not a single Gaussian is wrong on every judged axis: the question is
//   where *the* Gaussian is, and an image with none or two has no answer.
// - joint: correct on every judged axis (for a 1D sample, its one axis).
// - not a single Gaussian: the image has a non-finite value, or a judged axis fails
//   is_single_gaussian (for a bump both axes share the 2D peak; for sos each axis has its profile).
// Group statistics (each group: the samples of that region; "ood" = every region but id):
// - x_accuracy = x-correct / x-judged (2D and 1D-x samples); y_accuracy likewise (2D and 1D-y);
//   joint_accuracy = joint / judged (2D, 1D-x and 1D-y samples); not_gaussian_rate = flagged / judged.
//   0D samples count in `count` and the MSE only. A ratio with no judged sample is NaN (null in JSON).
// - mse: mean over the group's samples with finite values of the per-pixel mean squared difference to
//   the ground truth; NaN when no ground truth was given.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "factorlab/core/json.h"
#include "factorlab/data/render.h"
#include "factorlab/eval/eval_config.h"

namespace factorlab {

struct PlacementOptions {
  double tolerance = 1.0;
  int window_radius = kDefaultWindowRadius;
  double peak_min = kDefaultPeakMin;
  double second_peak_fraction = kDefaultSecondPeakFraction;
  bool periodic = false;
};
PlacementOptions placement_options(const EvalConfig& config, bool periodic);

struct SampleResult {
  double x_hat = 0, y_hat = 0;  // estimated centre (pixels)
  double dx = 0, dy = 0;        // x_hat - mu_x, y_hat - mu_y (minimum-image when periodic)
  bool judged_x = false, judged_y = false;
  bool correct_x = false, correct_y = false, joint = false;
  bool not_gaussian = false;
  double mse = 0;               // NaN without ground truth or with non-finite values
};

struct GroupScore {
  std::string name;  // all, id, ood, band_x, band_y, intersection, holdout
  std::int64_t count = 0;
  std::int64_t x_judged = 0, y_judged = 0, judged = 0;
  std::int64_t x_correct = 0, y_correct = 0, joint_correct = 0, not_gaussian = 0;
  double x_accuracy = 0, y_accuracy = 0, joint_accuracy = 0, not_gaussian_rate = 0;  // fractions in [0, 1]
  double mse = 0;
};

struct PlacementReport {
  PlacementOptions options;
  std::vector<GroupScore> groups;     // in the order above, only groups with members
  std::vector<SampleResult> samples;  // [M], in input order

  const GroupScore* group(const std::string& name) const;  // nullptr if absent
  // {"tolerance", ..., "groups": {name: {...}}, "samples": [...]}; per-sample records only when asked.
  Json to_json(bool with_samples = true) const;
  // One row per group: count, x / y / joint accuracy in %, not-Gaussian rate in %, MSE.
  std::string format_table() const;
};

// samples, truth: [M, N, N] (truth may be empty: no MSE); targets: [M, 2] (mu_x, mu_y);
// kinds, regions, shapes: [M]. std::invalid_argument on mismatched sizes or unknown kind/region codes.
PlacementReport score_placements(int N, const std::vector<float>& samples, const std::vector<float>& targets,
                                 const std::vector<std::int8_t>& kinds, const std::vector<std::int8_t>& regions,
                                 const std::vector<Shape>& shapes, const PlacementOptions& options,
                                 const std::vector<float>& truth = {});

// The same for selected conditions, samples in the conditions' order (after repeated(), if used);
// periodic comes from the conditions (options.periodic is ignored).
PlacementReport score_placements(const EvalConditions& conditions, const std::vector<float>& samples,
                                 const PlacementOptions& options);

}  // namespace factorlab
