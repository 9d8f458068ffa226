// factorlab/eval/novelty.h — is a generated sample new, or a copy of a training image?
// For each sample: d_train, the L2 pixel distance (data units, sqrt of the sum of squared pixel
// differences) to the nearest training image, with that image's index; d_truth, the distance to
// the sample's own ground truth (EvalConditions::truth). The sample *copies* when
//     d_train < copy_ratio * d_truth        (EvalConfig::copy_ratio, 0 < copy_ratio < 1):
// it lies much nearer some training image than the image its condition asked for.
// No label exclusion is needed: if the nearest training image j equals the sample's own ground truth
// (whatever its index: two labels may render the same image), then d_train = d_truth and d_truth < copy_ratio * d_truth is impossible for copy_ratio < 1 (when
// d_truth = 0 both sides are 0 and < fails). So any training image that makes a copy differs from the
// truth: it is the image of another condition. The triangle inequality bounds how close that image
// is to the truth: |x_j - truth| <= d_train + d_truth < (1 + copy_ratio) d_truth.
// Group statistics use region_groups.h: count, copies, copy_rate = copies / count, and the medians
// of d_train and d_truth over the group's samples with finite values (NaN, null in JSON, if none).
// A sample with a non-finite value has no distances (NaN, nearest -1) and is not a copy.
// Deliberately plain buffers, no LibTorch; the exact nearest image, no approximate index.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "factorlab/core/json.h"
#include "factorlab/eval/eval_config.h"

namespace factorlab {

struct NoveltySample {
  std::int64_t nearest = -1;  // index of the nearest training image; -1 for a non-finite sample
  double d_train = 0;         // L2 distance to it
  double d_truth = 0;         // L2 distance to the sample's ground truth
  bool copies = false;        // d_train < copy_ratio * d_truth
};

struct NoveltyGroup {
  std::string name;  // region_groups.h
  std::int64_t count = 0, copies = 0;
  double copy_rate = 0;                          // copies / count
  double median_d_train = 0, median_d_truth = 0;  // over finite samples
};

struct NoveltyReport {
  double copy_ratio = 0;
  std::vector<NoveltyGroup> groups;    // in region_groups.h order, only groups with members
  std::vector<NoveltySample> samples;  // [M], in input order

  const NoveltyGroup* group(const std::string& name) const;  // nullptr if absent
  // {"copy_ratio", "count", "groups": {name: {...}}, "samples": [...]}; per-sample records only when asked.
  Json to_json(bool with_samples = true) const;
  // One row per group: count, copies, copy rate in %, median d_train, median d_truth.
  std::string format_table() const;
};

// samples, truth: [M, N, N]; regions: [M] Region; train_images: [K, N, N] (K >= 1), all in the same
// units (pixel values). std::invalid_argument on mismatched sizes, no training image, an unknown
// region code or copy_ratio outside (0, 1). Cost O(M K N^2), blocked so the inner loop vectorizes.
NoveltyReport measure_novelty(int N, const std::vector<float>& samples, const std::vector<float>& truth,
                              const std::vector<std::int8_t>& regions, const std::vector<float>& train_images,
                              double copy_ratio);

// The same for selected conditions (samples in the conditions' order) against a dataset's training
// images (Dataset::images).
NoveltyReport measure_novelty(const EvalConditions& conditions, const std::vector<float>& samples,
                              const std::vector<float>& train_images, double copy_ratio);

}  // namespace factorlab
