// factorlab/experiments/model_setup.h — from a run config to the pieces the trainer and samplers
// need: the model's data geometry, the trainer's inputs, and a model loaded from a checkpoint.
#pragma once
#include <string>

#include "factorlab/experiments/run_config.h"
#include "factorlab/model/unet.h"
#include "factorlab/train/trainer.h"

namespace factorlab {

// N, the label span (N on a torus, N + 2 margin otherwise) and whether every part is periodic.
ModelGeometry model_geometry(const DataConfig& data);
TrainInputs train_inputs(const RunConfig& config, const std::string& device);

// A run folder's resolved config, and a model with the sampling weights (EMA when on) of a
// checkpoint (the latest one when `checkpoint` is empty), on `device`, in eval mode.
RunConfig load_run_folder_config(const std::string& run_dir);

// A run opened for use, the one way the stages and commands open one: its resolved config, the CPU
// runtime configured with its run.threads (train/runtime.h: LibTorch's and OpenBLAS's threads), its
// run.device resolved. The first form reads RUN/config.toml (InputError when there is none).
struct OpenRun {
  RunConfig config;
  torch::Device device{torch::kCPU};
  int threads = 0;  // LibTorch's thread count, as configured
};
OpenRun open_run(const std::string& run_dir);
OpenRun open_run(const RunConfig& config);
struct LoadedModel {
  RunConfig config;
  UNet model{nullptr};
  std::string checkpoint;
  std::int64_t step = 0;
};
LoadedModel load_model(const std::string& run_dir, const std::string& checkpoint, const torch::Device& device);

}  // namespace factorlab
