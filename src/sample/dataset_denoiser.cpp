// factorlab/sample/dataset_denoiser.cpp — see dataset_denoiser.h.
#include "factorlab/sample/dataset_denoiser.h"

#include <stdexcept>

namespace factorlab {

Denoiser optimal_denoiser_for(const Schedule& schedule, const Dataset& dataset, const OptimalConfig& config,
                              bool periodic, const torch::Device& device) {
  const int64_t K = dataset.size(), N = dataset.N;
  if (K < 1) throw std::invalid_argument("optimal_denoiser_for: the dataset has no training example");
  if (dataset.images.size() != static_cast<std::size_t>(K * N * N) || dataset.labels.size() != static_cast<std::size_t>(2 * K))
    throw std::invalid_argument("optimal_denoiser_for: the dataset's images or labels do not match its " +
                                std::to_string(K) + " examples");
  // The same mapping as the trainer's: network input 2v - 1.
  auto images = torch::from_blob(const_cast<float*>(dataset.images.data()), {K, 1, N, N}, torch::kFloat32).clone() * 2 - 1;
  auto labels = torch::from_blob(const_cast<float*>(dataset.labels.data()), {K, 2}, torch::kFloat32).clone();
  return make_optimal_denoiser(schedule, images.to(device), labels.to(device), config, periodic, static_cast<double>(N));
}

}  // namespace factorlab
