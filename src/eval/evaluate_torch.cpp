// factorlab/eval/evaluate_torch.cpp — see evaluate.h.
#include "factorlab/eval/evaluate.h"

#include <stdexcept>
#include <string>

#include "factorlab/core/log.h"
#include "factorlab/sample/generate.h"

namespace factorlab {

EvalOutcome evaluate_denoiser(const Denoiser& denoiser, const DiffusionConfig& diffusion, const DataConfig& data,
                              const Dataset& dataset, const EvalConfig& config, const torch::Device& device,
                              std::int64_t limit) {
  config.validate();
  EvalOutcome out;
  out.conditions = select_conditions(config, data, dataset, limit).repeated(config.samples_per_condition);
  const Schedule schedule = make_schedule(diffusion);
  out.samples = generate_images(denoiser, schedule, out.conditions.labels, config.sampling, device, dataset.N);
  out.report = score_placements(out.conditions, out.samples, placement_options(config, out.conditions.periodic));
  return out;
}

EvalOutcome evaluate_model(UNet& model, const DiffusionConfig& diffusion, const DataConfig& data, const Dataset& dataset,
                           const EvalConfig& config, const torch::Device& device, bool bf16, std::int64_t limit) {
  if (model->geometry().N != dataset.N)
    throw std::invalid_argument("evaluate_model: the model was built for N = " + std::to_string(model->geometry().N) +
                                " but the dataset has N = " + std::to_string(dataset.N));
  return evaluate_denoiser(unet_denoiser(model, device, bf16), diffusion, data, dataset, config, device, limit);
}

}  // namespace factorlab
