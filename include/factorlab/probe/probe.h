// factorlab/probe/probe.h — representations of a trained UNet (docs/design.md 7.1): for every condition
// of a grid, one forward pass at timestep t on a noise image shared by all conditions, the named
// block's activation captured in that same pass (model/unet.h Capture) and flattened to one vector.
// With several seeds the vectors of the different noise images are averaged.
// Needs LibTorch (src/probe/probe_torch.cpp). Deliberately not here: loading a run folder (the
// experiments layer does that) or any analysis of the vectors (analyze.h, the analysis module).
// Reference: arXiv 2408.13256 (Section 3: the representation of each condition at a fixed x_t).
#pragma once
#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

#include "factorlab/analysis/points.h"
#include "factorlab/core/json.h"
#include "factorlab/model/unet.h"
#include "factorlab/probe/probe_config.h"
#include "factorlab/probe/probe_grid.h"

namespace factorlab {

struct ProbeResult {
  Points reps;                             // [grid^2, C * H * W], averaged over the seeds
  Points labels;                           // [grid^2, 2] (mu_x, mu_y), probe_grid_labels order
  std::vector<std::int64_t> block_shape;   // [C, H, W] of the captured block
  std::string layer;
  int t = 0, grid = 0, seeds = 1, N = 0;
  std::int64_t seed = 0;
  bool periodic = false;
  double seconds = 0;                      // wall time of the forward passes
};

// The noise image of seed index k: [1, 1, N, N] float32 on the CPU, standard normal, from a CPU
// generator seeded with Rng::derive(seed, "probe-noise", k). Pure function of (N, seed, k).
torch::Tensor probe_noise(int N, std::int64_t seed, int k);

// Probes `model` (put in eval mode, no gradients) on the probe_grid_labels(N, grid, periodic)
// conditions in batches of config.batch_size; T is the diffusion's number of steps (t = -1 means
// T / 2). The noise image is broadcast to the batch, so every condition sees the same x_t.
// InputError for an invalid config or an N that does not match the model's.
ProbeResult probe_representations(UNet& model, const ProbeConfig& config, int N, bool periodic, int T,
                                  const torch::Device& device);
// The same for several blocks captured in the same forward passes (config.layer is not used): one
// result per entry of layers, in that order, with equal noise, t and labels; each result's seconds
// is the time of the shared passes.
std::vector<ProbeResult> probe_blocks(UNet& model, const ProbeConfig& config, const std::vector<ProbeLayer>& layers,
                                      int N, bool periodic, int T, const torch::Device& device);

// For probe.json: everything in the result but the matrices.
Json to_json(const ProbeResult& r);

// Writes reps.npy [conditions, features] (float32), labels.npy [conditions, 2] (float32) and
// probe.json (to_json plus `extra`, e.g. the run folder, checkpoint and step) into out_dir. Atomic.
void write_probe(const std::string& out_dir, const ProbeResult& r, const Json& extra = Json::object());

}  // namespace factorlab
