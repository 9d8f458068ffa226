// factorlab/eval/eval_grid.h — samples_eval.png: generated samples with their target centre marked.
// Green cross: the sample is correct (joint); red cross and a red border: wrong or not a single
// Gaussian; grey cross: a 0D sample (nothing judged). A target outside the frame (a 1D sample's
// invisible coordinate) is drawn as a tick on the border it lies beyond (image.h mark_in_grid).
// With more samples than max_images, evenly spaced ones are shown (k * M / max_images), so every
// part of the input order (ID first, then each OOD region) appears.
// Deliberately not: axes, legends or captions (the report module makes figures).
#pragma once
#include <string>
#include <vector>

#include "factorlab/core/image.h"
#include "factorlab/eval/placement.h"

namespace factorlab {

inline constexpr Rgb kCorrectColor{40, 220, 60};
inline constexpr Rgb kWrongColor{235, 40, 40};
inline constexpr Rgb kUnjudgedColor{150, 150, 150};

// Indices of the samples shown: all if M <= max_images, else floor(k * M / max_images), k < max_images.
std::vector<std::size_t> eval_grid_indices(std::size_t M, int max_images);

// samples [M, N, N] in data units (drawn over [0, 1]); targets [M, 2]; results [M] (PlacementReport::samples).
// std::invalid_argument on mismatched sizes or max_images < 1.
RgbImage eval_grid(const std::vector<float>& samples, const std::vector<float>& targets,
                   const std::vector<SampleResult>& results, int N, int max_images);

// eval_grid written as a PNG, atomically.
void write_eval_grid_png(const std::string& path, const std::vector<float>& samples, const std::vector<float>& targets,
                         const std::vector<SampleResult>& results, int N, int max_images);

// The layout eval_grid uses (8 columns, scale 4, pad 4: room for a 2-pixel border between cells).
GridLayout eval_grid_layout();

}  // namespace factorlab
