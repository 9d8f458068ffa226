// factorlab/experiments/pipeline.cpp — see pipeline.h.
#include "factorlab/experiments/pipeline.h"

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/core/run_files.h"
#include "factorlab/experiments/data_stage.h"
#include "factorlab/experiments/eval_stage.h"
#ifndef FACTORLAB_NO_ANALYSIS
#include "factorlab/experiments/probe_stage.h"
#endif
#include "factorlab/experiments/report_stage.h"
#include "factorlab/experiments/results.h"
#include "factorlab/experiments/stage_ledger.h"
#ifndef FACTORLAB_NO_ANALYSIS
#include "factorlab/experiments/track_stage.h"
#endif
#include "factorlab/experiments/sample_stage.h"
#include "factorlab/experiments/train_stage.h"

namespace factorlab {
namespace {

template <class S> std::string section_toml(const char* name, const S& s) {
  toml::table t;
  t.insert(name, write_config(s));
  return to_toml_string(t);
}

}  // namespace

StageFingerprints stage_fingerprints(const RunConfig& c) {
  StageFingerprints f;
  f.data = fingerprint_of(section_toml("data", c.data));
  f.train = fingerprint_of(f.data + training_identity(c) + "steps=" + std::to_string(c.train.steps) +
                           " epochs=" + std::to_string(c.train.epochs));
  f.sample = fingerprint_of(f.train + section_toml("sample", c.sample));
  f.eval = fingerprint_of(f.train + section_toml("eval", c.eval));
  // The memorizing baseline needs no training: the data, the schedule, the eval and [optimal] keys.
  f.baseline = fingerprint_of(f.data + section_toml("diffusion", c.diffusion) + section_toml("eval", c.eval) +
                              section_toml("optimal", c.optimal));
  f.probe = fingerprint_of(f.train + section_toml("probe", c.probe) + section_toml("analysis", c.analysis));
  f.track = fingerprint_of(f.probe + "track");
  f.report = fingerprint_of(f.sample + f.eval + (c.run.baseline ? f.baseline : "") + f.probe +
                            (c.run.track ? f.track : "") + to_toml(c));
  return f;
}

void run_pipeline(const RunConfig& config, const std::string& out_dir) {
#ifdef FACTORLAB_NO_ANALYSIS
  // Refused before any stage runs, so no half-finished run folder is left (docs/gpu.md).
  throw InputError("this factorlab was built without the analysis module (FACTORLAB_WITH_ANALYSIS=OFF), which a "
                   "run's probe stage needs: use `factorlab train`, `sample` and `eval` with this build");
#else
  log_info("run '", config.run.name, "' into ", out_dir);
  const StageFingerprints f = stage_fingerprints(config);
  StageLedger ledger(out_dir);
  ledger.run("data", f.data, {kDataset, kDataJson}, [&] { run_data_stage(config.data, out_dir); });
  ledger.run("train", f.train, {"train.json"}, [&] { run_train_stage(config, out_dir, true); });
  ledger.run("sample", f.sample, {"samples.npy", "samples.png"},
             [&] { run_sample_stage(out_dir, "", default_sample_conditions(config), config.sample, out_dir); });
  ledger.run("eval", f.eval, {kEvalJson, kEvalTxt}, [&] { run_eval_stage(out_dir, "", config.eval, out_dir); });
  if (config.run.baseline)  // docs/memorization.md
    ledger.run("baseline", f.baseline, {in_folder(kBaselineDir, kEvalJson), in_folder(kBaselineDir, kEvalTxt)}, [&] {
      run_eval_stage(out_dir, "", config.eval, in_folder(out_dir, kBaselineDir), DenoiserChoice::Optimal, config.optimal);
    });
  ledger.run("probe", f.probe, {in_folder(kProbeDir, kProbeReps), in_folder(kAnalysisDir, kAnalysisJson)}, [&] { run_probe_stage(config, out_dir); });
  if (config.run.track)
    ledger.run("track", f.track, {"track.csv", "track.json"},
               [&] { run_track_stage(out_dir, TrackOptions{config.probe, config.analysis}, out_dir); });
  write_run_results(out_dir);
  if (config.run.report)
    ledger.run("report", f.report, {"report.html"}, [&] { run_report_stage(out_dir); });
  write_run_results(out_dir);  // again, with the report stage's time
  log_info("run '", config.run.name, "' complete: ", in_folder(out_dir, kResults),
           config.run.report ? ", " + out_dir + "/report.html" : std::string());
#endif
}

}  // namespace factorlab
