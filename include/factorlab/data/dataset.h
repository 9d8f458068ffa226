// factorlab/data/dataset.h — the synthetic datasets: labels on lattices, kinds, holdouts, images.
// build_dataset is a pure function of DataConfig (subsampling is seeded), so the same config gives
// the same dataset bit for bit. Images are the visible N x N frame; labels may lie in the margin.
// Deliberately not here: the network's view of the data (2v - 1, batching) — that is train's job.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "factorlab/data/data_config.h"

namespace factorlab {

// What an example shows (dataset.npz "kind").
enum Kind : std::int8_t {
  kKind2D = 0,   // both coordinates visible: a compositional example
  kKind1DX = 1,  // only x visible (a vertical stripe; mu_y in the margin)
  kKind1DY = 2,  // only y visible (a horizontal stripe; mu_x in the margin)
  kKind0D = 3,   // neither visible
};
const char* kind_name(int kind);  // "2d", "1d_x", "1d_y", "0d"

// The kind of a label under the rim rule: a coordinate in the margin farther than `rim_x`/`rim_y`
// from the frame [0, N-1] is invisible; one within the rim still shows (a rim example is 2D).
// `is_rim` is set when a coordinate lies in the margin but within the rim.
std::int8_t label_kind(int N, double mu_x, double mu_y, double rim_x, double rim_y, bool* is_rim);

// The lattice lo, lo + d, ..., <= hi (inclusive up to rounding).
std::vector<double> lattice(double lo, double hi, double d);

struct Dataset {
  int N = 0;
  int margin = 0;
  // Training examples.
  std::vector<float> images;       // [n, N, N] in [0, 1]
  std::vector<float> labels;       // [n, 2] (mu_x, mu_y)
  std::vector<std::int8_t> kinds;  // [n] Kind
  std::vector<std::int8_t> parts;  // [n] index into DataConfig::parts
  // Out-of-distribution test conditions (held out of training) and their ground-truth images.
  std::vector<float> ood_images;       // [m, N, N]
  std::vector<float> ood_labels;       // [m, 2]
  std::vector<std::int8_t> ood_kinds;  // [m]
  std::vector<std::int8_t> ood_regions;  // [m] Region
  std::vector<std::int8_t> ood_parts;  // [m]

  std::int64_t size() const { return static_cast<std::int64_t>(kinds.size()); }
  std::int64_t ood_size() const { return static_cast<std::int64_t>(ood_kinds.size()); }
};

// Builds the dataset; config must be valid (validate() is called).
Dataset build_dataset(const DataConfig& config);

// One line per part and kind, e.g. "part0 (bump, frame): 256 train [2d 256], 0 test".
std::string dataset_summary(const DataConfig& config, const Dataset& d);

}  // namespace factorlab
