// factorlab/experiments/run_config.cpp — see run_config.h.
#include "factorlab/experiments/run_config.h"

#include <algorithm>
#include <filesystem>
#include <iterator>

#include "factorlab/core/fs.h"
#include "presets.h"  // generated from configs/*.toml by CMake

namespace factorlab {

void RunSection::validate() const {
  require(!name.empty() && name.find('/') == std::string::npos,
          "run.name = '" + name + "' must be a non-empty name without '/'");
  check_range("run.threads", threads, 0, 1024);
  require(device == "auto" || device == "cpu" || device == "cuda",
          "run.device = '" + device + "' is not allowed (allowed: auto, cpu, cuda)");
}

void SampleStageConfig::validate() const {
  sampling.validate("sample");
  check_range("sample.grid", grid, 1, 256);
}

void RunConfig::validate() const {
  run.validate();
  data.validate();
  model.validate();
  diffusion.validate();
  train.validate();
  sample.validate();
  eval.validate();
  probe.validate();
  analysis.validate();
  optimal.validate();
  eval.sampling.validate("eval", diffusion.T);
  sample.sampling.validate("sample", diffusion.T);
}

std::string training_identity(const RunConfig& config) {
  // Only the sections that shape the trained weights: a key added to [run], [sample], [eval], [probe]
  // or [analysis] must not make every existing run folder refuse to resume.
  TrainConfig train = config.train;
  train.steps = 0;
  train.epochs = 0;
  train.checkpoint_every = 1;
  train.log_every = 1;
  train.eval_every = 0;
  DataConfig data = config.data;
  data.preview = 0;
  toml::table t;
  t.insert("data", write_config(data));
  t.insert("model", write_config(config.model));
  t.insert("diffusion", write_config(config.diffusion));
  t.insert("train", write_config(train));
  return to_toml_string(t);
}

std::vector<std::string> preset_names() {
  std::vector<std::string> names;
  for (const auto& p : kPresets) names.emplace_back(p.name);
  return names;
}

std::string preset_text(const std::string& name) {
  for (const auto& p : kPresets)
    if (name == p.name) return p.text;
  std::string all;
  for (const auto& n : preset_names()) all += (all.empty() ? "" : ", ") + n;
  throw InputError("'" + name + "' is neither a config file nor a preset (presets: " + all + ")");
}

toml::table load_config_source(const std::string& source) {
  const bool is_preset = std::any_of(std::begin(kPresets), std::end(kPresets),
                                     [&](const auto& p) { return source == p.name; });
  std::error_code ec;
  const bool is_folder = std::filesystem::is_directory(source, ec);
  if (file_exists(source) && !(is_preset && is_folder)) return load_toml(source);
  return parse_toml(preset_text(source), "preset:" + source);
}

RunConfig load_run_config(const std::string& source, const std::vector<std::string>& overrides) {
  const std::string src = source.empty() ? "default" : source;
  toml::table root = load_config_source(src);
  if (root.contains("study"))
    throw InputError("'" + src + "' is a study of several runs: run it with `factorlab run " + src +
                     "` (or one member's preset alone; docs/experiments.md)");
  for (const auto& o : overrides) apply_override(root, o);
  RunConfig config;
  read_config(root, config);
  config.validate();
  return config;
}

std::string to_toml(const RunConfig& config) { return to_toml_string(write_config(config)); }

}  // namespace factorlab
