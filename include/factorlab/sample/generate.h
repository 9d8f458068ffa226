// factorlab/sample/generate.h — images from a denoiser (a trained model, or any (x_t, t, cond) -> eps)
// for a list of conditions. Wraps the diffusion samplers, batching over conditions, with a progress
// bar, and maps the result from the network's [-1, 1] back to pixel values v = (x + 1) / 2.
#pragma once
#include <torch/torch.h>

#include <vector>

#include "factorlab/diffusion/gaussian_diffusion.h"
#include "factorlab/model/unet.h"

namespace factorlab {

// The UNet as a denoiser: puts it in eval mode; its forward runs under bf16 autocast on the
// device's type when bf16 (model/precision.h); eps comes back as float32.
Denoiser unet_denoiser(UNet& model, const torch::Device& device, bool bf16 = false);

// conditions: [M, 2] row-major (mu_x, mu_y), sampled on `device` as images of side N. Returns
// [M, N, N] pixel values (not clamped).
std::vector<float> generate_images(const Denoiser& denoiser, const Schedule& schedule, const std::vector<float>& conditions,
                                   const SampleConfig& config, const torch::Device& device, int N);

// The same with the UNet (unet_denoiser) at the model's own N.
std::vector<float> generate_images(UNet& model, const Schedule& schedule, const std::vector<float>& conditions,
                                   const SampleConfig& config, const torch::Device& device, bool bf16 = false);

// The grid x grid lattice of conditions over the frame (data/condition_grid.h) as floats: [grid * grid, 2].
std::vector<float> condition_grid(int N, int grid, bool periodic);

}  // namespace factorlab
