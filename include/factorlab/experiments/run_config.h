// factorlab/experiments/run_config.h — the whole configuration of a run: one section per module.
// A run config comes from a built-in preset (configs/*.toml compiled into the binary), or a TOML
// file, then `--set section.key=value` overrides; unknown sections and keys are errors. The resolved
// config (every default explicit) is written into the run folder as config.toml.
#pragma once
#include <string>
#include <vector>

#include "factorlab/core/config.h"
#include "factorlab/data/data_config.h"
#include "factorlab/diffusion/optimal_config.h"
#include "factorlab/diffusion/sampling_config.h"
#include "factorlab/diffusion/schedule.h"
#include "factorlab/eval/eval_config.h"
#include "factorlab/model/model_config.h"
#include "factorlab/analysis/analysis_config.h"
#include "factorlab/probe/probe_config.h"
#include "factorlab/train/train_config.h"

namespace factorlab {

struct RunSection {
  std::string name = "default";  // the run folder defaults to runs/<name>
  int threads = 0;               // 0: the CPUs this process may use (core/threads.h)
  std::string device = "auto";   // auto|cpu|cuda (used by the stages that train and sample)
  bool track = false;            // also probe + analyse every checkpoint (track.csv; paper Fig. 2c-g)
  bool report = true;            // write report.html + figures/ at the end (needs gnuplot for figures)
  bool baseline = false;         // also score the memorizing baseline: the empirical-optimal denoiser of
                                 // the training set ([optimal]) on the eval conditions, into optimal/

  template <class V> void visit(V& v) {
    v("name", name);
    v("threads", threads);
    v("device", device);
    v("track", track);
    v("report", report);
    v("baseline", baseline);
  }
  void validate() const;
};

// Sampling for the run's sample stage (and the defaults of `factorlab sample`).
// [sample] is the one sampling config (diffusion/sampling_config.h) plus the grid.
struct SampleStageConfig {
  SampleConfig sampling;
  int grid = 8;  // the sample stage draws a grid x grid lattice of conditions

  template <class V> void visit(V& v) {
    sampling.visit(v);
    v("grid", grid);
  }
  void validate() const;  // InputError naming "sample.<key>"
};

struct RunConfig {
  RunSection run;
  DataConfig data;
  ModelConfig model;
  DiffusionConfig diffusion;
  TrainConfig train;
  SampleStageConfig sample;
  EvalConfig eval;
  ProbeConfig probe;
  AnalysisConfig analysis;
  OptimalConfig optimal;  // the memorizing baseline (run.baseline, `--denoiser optimal`)

  template <class V> void visit(V& v) {
    v("run", run);
    v("data", data);
    v("model", model);
    v("diffusion", diffusion);
    v("train", train);
    v("sample", sample);
    v("eval", eval);
    v("probe", probe);
    v("analysis", analysis);
    v("optimal", optimal);
  }
  void validate() const;
};

// What a resumed training run must share with the checkpoint it resumes: the resolved [data],
// [model], [diffusion] and [train] sections without the keys that only say how long to train or how
// often to log or evaluate (the other sections never change the weights, so they are left out).
std::string training_identity(const RunConfig& config);

// Names of the presets compiled into the binary (configs/*.toml without the extension).
std::vector<std::string> preset_names();
// The text of a preset; InputError listing the presets if there is none of that name.
std::string preset_text(const std::string& name);
// The TOML a config source names: a file at that path, else the preset of that name. A folder
// does not shadow a preset (`factorlab run data_efficiency --out data_efficiency` is run again
// from the folder that holds its output); a name that is neither is an InputError.
toml::table load_config_source(const std::string& source);

// source: a path to a TOML file, or a preset name ("" = "default"). Applies the overrides in order,
// reads every section strictly, validates.
RunConfig load_run_config(const std::string& source, const std::vector<std::string>& overrides);
std::string to_toml(const RunConfig& config);

}  // namespace factorlab
