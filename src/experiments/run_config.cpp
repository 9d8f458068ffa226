// factorlab/experiments/run_config.cpp — see run_config.h.
#include "factorlab/experiments/run_config.h"

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

void RunConfig::validate() const {
  run.validate();
  data.validate();
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

RunConfig load_run_config(const std::string& source, const std::vector<std::string>& overrides) {
  const std::string src = source.empty() ? "default" : source;
  toml::table root = file_exists(src) ? load_toml(src) : parse_toml(preset_text(src), "preset:" + src);
  for (const auto& o : overrides) apply_override(root, o);
  RunConfig config;
  read_config(root, config);
  config.validate();
  return config;
}

std::string to_toml(const RunConfig& config) { return to_toml_string(write_config(config)); }

}  // namespace factorlab
