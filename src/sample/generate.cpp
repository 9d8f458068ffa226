// factorlab/sample/generate.cpp — see generate.h.
#include "factorlab/sample/generate.h"

#include "factorlab/core/progress.h"
#include "factorlab/data/condition_grid.h"
#include "factorlab/model/precision.h"

namespace factorlab {

Denoiser unet_denoiser(UNet& model, const torch::Device& device, bool bf16) {
  model->eval();
  const auto device_type = device.type();
  return [net = model.ptr(), device_type, bf16](const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& c) {
    Bf16Autocast ac(bf16, device_type);
    return net->forward(x, t, c).to(torch::kFloat32);
  };
}

std::vector<float> generate_images(const Denoiser& denoiser, const Schedule& schedule, const std::vector<float>& conditions,
                                   const SampleConfig& config, const torch::Device& device, int N) {
  torch::NoGradGuard no_grad;
  const auto M = static_cast<int64_t>(conditions.size() / 2);
  auto cond = torch::from_blob(const_cast<float*>(conditions.data()), {M, 2}, torch::kFloat32).clone().to(device);
  const auto steps = static_cast<int64_t>(sampling_timesteps(schedule, config).size());
  Progress bar("sample", M * steps, "img-step");
  Denoiser counted = [&](const torch::Tensor& x, const torch::Tensor& t, const torch::Tensor& c) {
    auto eps = denoiser(x, t, c);
    bar.advance(x.size(0));
    return eps;
  };
  auto x = sample(schedule, counted, cond, {1, N, N}, config);
  bar.finish();
  auto v = ((x.to(torch::kCPU).to(torch::kFloat32) + 1) / 2).contiguous();
  return std::vector<float>(v.data_ptr<float>(), v.data_ptr<float>() + v.numel());
}

std::vector<float> generate_images(UNet& model, const Schedule& schedule, const std::vector<float>& conditions,
                                   const SampleConfig& config, const torch::Device& device, bool bf16) {
  return generate_images(unet_denoiser(model, device, bf16), schedule, conditions, config, device, model->geometry().N);
}

std::vector<float> condition_grid(int N, int grid, bool periodic) {
  const std::vector<double> labels = condition_grid_labels(N, grid, periodic);
  return std::vector<float>(labels.begin(), labels.end());
}

}  // namespace factorlab
