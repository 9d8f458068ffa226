// factorlab/experiments/probe_stage.cpp — see probe_stage.h.
#include "factorlab/experiments/probe_stage.h"

#include "factorlab/core/log.h"
#include "factorlab/core/run_files.h"
#include "factorlab/experiments/model_setup.h"
#include "factorlab/analysis/analyze.h"
#include "factorlab/probe/probe.h"
#include "factorlab/train/runtime.h"

namespace factorlab {

Json run_probe_stage(const RunConfig& config, const std::string& run_dir) {
  const torch::Device device = open_run(config).device;
  LoadedModel m = load_model(run_dir, "", device);
  const ProbeResult r = probe_representations(m.model, config.probe, m.config.data.N, m.model->geometry().periodic,
                                              m.config.diffusion.T, device);
  write_probe(run_dir + "/probe", r, Json{{"checkpoint", m.checkpoint}, {"step", m.step}});
  const Json analysis = analyze_representations(r.reps, r.labels, r.N, config.analysis, run_dir + "/analysis");
  log_info("probe+analyze: ", r.reps.rows(), " conditions x ", r.reps.cols(), " features of block ", r.layer,
           " at step ", m.step, "; wrote ", in_folder(run_dir, kAnalysisDir, kAnalysisJson));
  return analysis;
}

}  // namespace factorlab
