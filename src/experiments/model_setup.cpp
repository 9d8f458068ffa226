// factorlab/experiments/model_setup.cpp — see model_setup.h.
#include "factorlab/experiments/model_setup.h"

#include "factorlab/core/fs.h"
#include "factorlab/core/run_files.h"
#include "factorlab/train/checkpoint.h"
#include "factorlab/train/runtime.h"

namespace factorlab {

ModelGeometry model_geometry(const DataConfig& data) {
  ModelGeometry g;
  g.N = data.N;
  g.periodic = true;
  for (const auto& p : data.parts) g.periodic = g.periodic && p.periodic;
  g.label_span = g.periodic ? data.N : data.N + 2.0 * data.margin_px();
  return g;
}

TrainInputs train_inputs(const RunConfig& config, const std::string& device) {
  TrainInputs in;
  in.model = config.model;
  in.geometry = model_geometry(config.data);
  in.diffusion = config.diffusion;
  in.train = config.train;
  in.config_toml = to_toml(config);
  in.identity = training_identity(config);
  in.device = device;
  return in;
}

OpenRun open_run(const std::string& run_dir) { return open_run(load_run_folder_config(run_dir)); }

OpenRun open_run(const RunConfig& config) {
  OpenRun r;
  r.config = config;
  r.threads = configure_cpu_runtime(config.run.threads);
  r.device = resolve_device(config.run.device);
  return r;
}

RunConfig load_run_folder_config(const std::string& run_dir) {
  const std::string path = in_folder(run_dir, kRunConfig);
  if (!file_exists(path)) throw InputError("'" + run_dir + "' is not a run folder (it has no " + kRunConfig + ")");
  return load_run_config(path, {});
}

LoadedModel load_model(const std::string& run_dir, const std::string& checkpoint, const torch::Device& device) {
  LoadedModel m;
  m.checkpoint = checkpoint.empty() ? latest_checkpoint(run_dir) : checkpoint;
  if (m.checkpoint.empty()) throw InputError("run folder '" + run_dir + "' has no checkpoints (train it first)");
  const CheckpointHeader h = read_checkpoint_header(m.checkpoint);
  toml::table t = parse_toml(h.config_toml, m.checkpoint);
  read_config(t, m.config);
  m.config.validate();
  m.step = static_cast<std::int64_t>(h.step);
  m.model = UNet(m.config.model, model_geometry(m.config.data));
  load_sampling_weights(m.checkpoint, m.model);
  m.model->to(device);
  m.model->eval();
  return m;
}


}  // namespace factorlab
