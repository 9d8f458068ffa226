// factorlab/eval/eval_config.cpp — see eval_config.h.
#include "factorlab/eval/eval_config.h"

#include <algorithm>
#include <cmath>

#include "factorlab/core/error.h"
#include "factorlab/core/rng.h"

namespace factorlab {

namespace {

bool on_multiple(double v, double spacing) {
  const double q = v / spacing;
  return std::fabs(q - std::round(q)) < 1e-6;
}

// Keeps `keep` of the indices, chosen by a seeded shuffle, in their original order.
std::vector<std::size_t> seeded_subset(std::size_t n, std::size_t keep, std::int64_t seed, const char* purpose) {
  std::vector<std::size_t> idx(n);
  for (std::size_t i = 0; i < n; ++i) idx[i] = i;
  if (keep >= n) return idx;
  Rng rng = Rng::derive(static_cast<std::uint64_t>(seed), purpose);
  rng.shuffle(idx);
  idx.resize(keep);
  std::sort(idx.begin(), idx.end());
  return idx;
}

void append(EvalConditions& out, const DataConfig& data, const float* label, std::int8_t kind, std::int8_t region,
            std::int8_t part, const float* image) {
  const std::size_t pix = static_cast<std::size_t>(out.N) * out.N;
  out.labels.insert(out.labels.end(), label, label + 2);
  out.kinds.push_back(kind);
  out.regions.push_back(region);
  out.parts.push_back(part);
  out.shapes.push_back(data.parts.at(static_cast<std::size_t>(part)).shape);
  out.truth.insert(out.truth.end(), image, image + pix);
}

EvalConditions take(const EvalConditions& c, const std::vector<std::size_t>& idx) {
  EvalConditions out;
  out.N = c.N;
  out.periodic = c.periodic;
  const std::size_t pix = static_cast<std::size_t>(c.N) * c.N;
  for (std::size_t k : idx) {
    out.labels.insert(out.labels.end(), c.labels.begin() + 2 * k, c.labels.begin() + 2 * k + 2);
    out.kinds.push_back(c.kinds[k]);
    out.regions.push_back(c.regions[k]);
    out.parts.push_back(c.parts[k]);
    out.shapes.push_back(c.shapes[k]);
    out.truth.insert(out.truth.end(), c.truth.begin() + k * pix, c.truth.begin() + (k + 1) * pix);
  }
  return out;
}

}  // namespace

void EvalConfig::validate() const {
  require(std::isfinite(grid_spacing) && grid_spacing > 0,
          "eval.grid_spacing = " + format_number(grid_spacing) + " must be a positive number of pixels");
  check_range("eval.random_count", random_count, 1, 1e8);
  check_range("eval.samples_per_condition", samples_per_condition, 1, 1e6);
  sampling.validate("eval");
  require(std::isfinite(tolerance) && tolerance > 0,
          "eval.tolerance = " + format_number(tolerance) + " must be a positive number of pixels");
  check_range("eval.window_radius", window_radius, 0, 64);
  check_range("eval.peak_min", peak_min, 0.0, 1.0);
  require(second_peak_fraction > 0 && second_peak_fraction <= 1,
          "eval.second_peak_fraction = " + format_number(second_peak_fraction) +
              " is out of range (allowed: 0 < fraction <= 1; 1 disables the second-peak test)");
  check_range("eval.max_conditions", max_conditions, 0, 1e8);
  // Below 1 so a training image equal to the sample's own ground truth can never count (novelty.h).
  require(copy_ratio > 0 && copy_ratio < 1,
          "eval.copy_ratio = " + format_number(copy_ratio) + " is out of range (allowed: 0 < ratio < 1)");
}

EvalConditions EvalConditions::repeated(int times) const {
  std::vector<std::size_t> idx;
  for (std::size_t k = 0; k < kinds.size(); ++k)
    for (int t = 0; t < times; ++t) idx.push_back(k);
  return take(*this, idx);
}

EvalConditions select_conditions(const EvalConfig& config, const DataConfig& data, const Dataset& ds,
                                 std::int64_t limit) {
  config.validate();
  EvalConditions all;
  all.N = ds.N;
  const std::size_t pix = static_cast<std::size_t>(ds.N) * ds.N;
  const bool want_id = config.conditions != ConditionSet::Ood;
  const bool want_ood = config.conditions != ConditionSet::Id;
  if (want_id)
    for (std::int64_t k = 0; k < ds.size(); ++k)
      append(all, data, &ds.labels[2 * k], ds.kinds[k], kRegionId, ds.parts[k], &ds.images[k * pix]);
  if (want_ood)
    for (std::int64_t k = 0; k < ds.ood_size(); ++k)
      append(all, data, &ds.ood_labels[2 * k], ds.ood_kinds[k], ds.ood_regions[k], ds.ood_parts[k],
             &ds.ood_images[k * pix]);

  std::vector<std::size_t> idx;
  if (config.conditions == ConditionSet::Grid) {
    for (std::size_t k = 0; k < all.kinds.size(); ++k)
      if (on_multiple(all.labels[2 * k], config.grid_spacing) && on_multiple(all.labels[2 * k + 1], config.grid_spacing))
        idx.push_back(k);
  } else if (config.conditions == ConditionSet::Random) {
    idx = seeded_subset(all.kinds.size(), static_cast<std::size_t>(config.random_count), config.sampling.seed, "eval_random");
  } else {
    idx = seeded_subset(all.kinds.size(), all.kinds.size(), 0, "");
  }
  if (limit > 0 && idx.size() > static_cast<std::size_t>(limit)) {
    const auto sub = seeded_subset(idx.size(), static_cast<std::size_t>(limit), config.sampling.seed, "eval_subset");
    std::vector<std::size_t> kept;
    for (std::size_t s : sub) kept.push_back(idx[s]);
    idx.swap(kept);
  }
  if (idx.empty())
    throw InputError("eval.conditions = " + enum_name(config.conditions, kConditionSetNames) +
                     " selects no test condition from this dataset" +
                     (config.conditions == ConditionSet::Grid
                          ? " (no label is a multiple of eval.grid_spacing = " + format_number(config.grid_spacing) + ")"
                          : ""));

  bool any_periodic = false, any_flat = false;
  for (std::size_t k : idx) (data.parts.at(static_cast<std::size_t>(all.parts[k])).periodic ? any_periodic : any_flat) = true;
  if (any_periodic && any_flat)
    throw InputError("eval: the selected conditions mix periodic and non-periodic parts; evaluate them separately");
  all.periodic = any_periodic;
  return take(all, idx);
}

}  // namespace factorlab
