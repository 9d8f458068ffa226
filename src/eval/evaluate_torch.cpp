// factorlab/eval/evaluate_torch.cpp — see evaluate.h.
#include "factorlab/eval/evaluate.h"

#include "factorlab/core/log.h"
#include "factorlab/sample/generate.h"

namespace factorlab {

EvalOutcome evaluate_model(UNet& model, const DiffusionConfig& diffusion, const DataConfig& data, const Dataset& dataset,
                           const EvalConfig& config, const torch::Device& device, bool bf16, std::int64_t limit) {
  config.validate();
  EvalOutcome out;
  out.conditions = select_conditions(config, data, dataset, limit).repeated(config.samples_per_condition);
  SampleConfig s;
  s.sampler = config.sampler == EvalSampler::Ddpm ? Sampler::Ddpm : Sampler::Ddim;
  s.steps = config.steps;
  s.eta = config.eta;
  s.seed = config.seed;
  const Schedule schedule = make_schedule(diffusion);
  out.samples = generate_images(model, schedule, out.conditions.labels, s, device, bf16);
  out.report = score_placements(out.conditions, out.samples, placement_options(config, out.conditions.periodic));
  return out;
}

}  // namespace factorlab
