// factorlab/model/encoding.cpp — see encoding.h.
#include "factorlab/model/encoding.h"

#include <cmath>

namespace factorlab {

torch::Tensor timestep_encoding(const torch::Tensor& t, int dim, double max_period) {
  const int half = dim / 2;
  auto freqs = torch::exp(-std::log(max_period) * torch::arange(half, torch::dtype(torch::kFloat32)) / half)
                   .to(t.device());
  auto args = t.to(torch::kFloat32).unsqueeze(1) * freqs.unsqueeze(0);  // [B, half]
  return torch::cat({torch::cos(args), torch::sin(args)}, 1);
}

std::vector<double> fourier_periods(int half, double span, bool periodic) {
  std::vector<double> p(static_cast<std::size_t>(half));
  for (int i = 0; i < half; ++i) {
    if (periodic) {
      // Harmonics of the torus, repeating from the fundamental once k passes the Nyquist limit.
      const int k = 1 + i % std::max(1, static_cast<int>(span / 2));
      p[static_cast<std::size_t>(i)] = span / k;
    } else {
      const double hi = 2.0 * span, lo = 2.0;
      p[static_cast<std::size_t>(i)] = half > 1 ? hi * std::pow(lo / hi, static_cast<double>(i) / (half - 1)) : hi;
    }
  }
  return p;
}

torch::Tensor label_encoding(const torch::Tensor& mu, int dim, LabelEncoding kind, double span, bool periodic) {
  if (kind == LabelEncoding::Sinusoidal) return timestep_encoding(mu, dim);
  const int half = dim / 2;
  const auto periods = fourier_periods(half, span, periodic);
  std::vector<float> w(periods.size());
  for (std::size_t i = 0; i < periods.size(); ++i) w[i] = static_cast<float>(2.0 * M_PI / periods[i]);
  auto freqs = torch::tensor(w).to(mu.device());
  auto args = mu.to(torch::kFloat32).unsqueeze(1) * freqs.unsqueeze(0);
  return torch::cat({torch::cos(args), torch::sin(args)}, 1);
}

torch::Tensor coordinate_channels(int N, int freqs) {
  auto pos = torch::arange(N, torch::dtype(torch::kFloat32));
  std::vector<torch::Tensor> chans;
  for (int k = 1; k <= freqs; ++k) {
    auto a = pos * static_cast<float>(2.0 * M_PI * k / N);
    auto cx = torch::cos(a).unsqueeze(0).expand({N, N}), sx = torch::sin(a).unsqueeze(0).expand({N, N});  // vary along columns
    auto cy = torch::cos(a).unsqueeze(1).expand({N, N}), sy = torch::sin(a).unsqueeze(1).expand({N, N});  // along rows
    chans.insert(chans.end(), {cx, sx, cy, sy});
  }
  return torch::stack(chans, 0).contiguous();
}

}  // namespace factorlab
