// factorlab/experiments/run_denoiser.cpp — see run_denoiser.h.
#include "factorlab/experiments/run_denoiser.h"

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/run_files.h"
#include "factorlab/data/dataset_io.h"
#include "factorlab/experiments/model_setup.h"
#include "factorlab/train/train_config.h"  // uses_bf16
#include "factorlab/sample/dataset_denoiser.h"
#include "factorlab/sample/generate.h"

namespace factorlab {

Json RunDenoiser::describe() const {
  if (checkpoint.empty())
    return Json{{"denoiser", "optimal"},
                {"optimal",
                 {{"label_kernel", enum_name(config.optimal.label_kernel, kLabelKernelNames)},
                  {"bandwidth", config.optimal.bandwidth}}}};
  return Json{{"denoiser", "model"}, {"checkpoint", checkpoint}, {"step", step}};
}

RunDenoiser load_run_denoiser(const std::string& run_dir, const std::string& checkpoint, DenoiserChoice choice,
                              const OptimalConfig& optimal, const torch::Device& device) {
  RunDenoiser d;
  if (choice == DenoiserChoice::Model) {
    LoadedModel m = load_model(run_dir, checkpoint, device);
    d.config = m.config;
    d.bf16 = uses_bf16(m.config.train.precision, device.is_cuda());
    d.denoiser = unet_denoiser(m.model, device, d.bf16);
    d.checkpoint = m.checkpoint;
    d.step = m.step;
    return d;
  }
  if (!checkpoint.empty())
    throw InputError("--checkpoint '" + checkpoint + "' has no meaning with --denoiser optimal (it has no weights)");
  optimal.validate();
  d.config = load_run_folder_config(run_dir);
  d.config.optimal = optimal;
  const std::string data = in_folder(run_dir, kDataset);
  if (!file_exists(data))
    throw InputError("'" + data + "' is missing: --denoiser optimal needs the run's training set (`factorlab data` "
                     "writes it)");
  d.dataset = std::make_shared<const Dataset>(load_dataset(data));
  d.denoiser = optimal_denoiser_for(make_schedule(d.config.diffusion), *d.dataset, optimal,
                                    model_geometry(d.config.data).periodic, device);
  return d;
}

}  // namespace factorlab
