// factorlab/experiments/run_config.h — the whole configuration of a run: one section per module.
// A run config comes from a built-in preset (configs/*.toml compiled into the binary), or a TOML
// file, then `--set section.key=value` overrides; unknown sections and keys are errors. The resolved
// config (every default explicit) is written into the run folder as config.toml.
#pragma once
#include <string>
#include <vector>

#include "factorlab/core/config.h"
#include "factorlab/data/data_config.h"

namespace factorlab {

struct RunSection {
  std::string name = "default";  // the run folder defaults to runs/<name>
  int threads = 0;               // 0: all cores
  std::string device = "auto";   // auto|cpu|cuda (used by the stages that train and sample)

  template <class V> void visit(V& v) {
    v("name", name);
    v("threads", threads);
    v("device", device);
  }
  void validate() const;
};

struct RunConfig {
  RunSection run;
  DataConfig data;

  template <class V> void visit(V& v) {
    v("run", run);
    v("data", data);
  }
  void validate() const;
};

// Names of the presets compiled into the binary (configs/*.toml without the extension).
std::vector<std::string> preset_names();
// The text of a preset; InputError listing the presets if there is none of that name.
std::string preset_text(const std::string& name);

// source: a path to a TOML file, or a preset name ("" = "default"). Applies the overrides in order,
// reads every section strictly, validates.
RunConfig load_run_config(const std::string& source, const std::vector<std::string>& overrides);
std::string to_toml(const RunConfig& config);

}  // namespace factorlab
