// factorlab/model/encoding.h — sinusoidal encodings of the timestep and of the labels.
// timestep_encoding follows improved-diffusion's timestep_embedding (cos half, then sin half,
// frequencies exp(-log(max_period) i / half)). label_encoding adds the Fourier variant whose periods
// match the pixel range; see ModelConfig::label_encoding.
#pragma once
#include <torch/torch.h>

#include "factorlab/model/model_config.h"

namespace factorlab {

// t: [B] (float or int) -> [B, dim]
torch::Tensor timestep_encoding(const torch::Tensor& t, int dim, double max_period = 10000.0);

// The periods used by the Fourier label encoding for `half` frequencies over a label range of
// `span` pixels: geometric from 2 pixels to 2 * span; on a torus (periodic) the harmonics span / k.
std::vector<double> fourier_periods(int half, double span, bool periodic);

// mu: [B] label in pixels -> [B, dim]
torch::Tensor label_encoding(const torch::Tensor& mu, int dim, LabelEncoding kind, double span, bool periodic);

// Coordinate channels for an N x N image: [2 * freqs * 2, N, N] (sin/cos of x and y positions at
// periods N / k for k = 1..freqs), broadcast over the batch by the caller.
torch::Tensor coordinate_channels(int N, int freqs);

}  // namespace factorlab
