// factorlab/sample/generate.h — images from a trained model for a list of conditions.
// Wraps the diffusion samplers with the UNet as the denoiser, batching over conditions, and maps
// the result from the network's [-1, 1] back to pixel values v = (x + 1) / 2.
#pragma once
#include <torch/torch.h>

#include <vector>

#include "factorlab/diffusion/gaussian_diffusion.h"
#include "factorlab/model/unet.h"

namespace factorlab {

// conditions: [M, 2] row-major (mu_x, mu_y). Returns [M, N, N] pixel values (not clamped).
std::vector<float> generate_images(UNet& model, const Schedule& schedule, const std::vector<float>& conditions,
                                   const SampleConfig& config, const torch::Device& device, bool bf16 = false);

// The grid x grid lattice of conditions over the frame (spacing N / grid on a torus, else spread
// evenly over [0, N-1]), row-major in y then x: [grid * grid, 2].
std::vector<float> condition_grid(int N, int grid, bool periodic);

}  // namespace factorlab
