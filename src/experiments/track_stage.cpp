// factorlab/experiments/track_stage.cpp — see track_stage.h.
#include "factorlab/experiments/track_stage.h"

#include <cstdio>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/core/run_files.h"
#include "factorlab/experiments/model_setup.h"
#include "factorlab/probe/probe.h"
#include "factorlab/train/runtime.h"
#include "factorlab/train/trainer.h"

namespace factorlab {
namespace {

std::string step_dir(const std::string& out, std::int64_t step) {
  char name[32];
  std::snprintf(name, sizeof name, "step_%08lld", static_cast<long long>(step));
  return out + "/track/" + name;
}

}  // namespace

std::size_t run_track_stage(const std::string& run_dir, const TrackOptions& options, const std::string& out_dir) {
  const OpenRun run = open_run(run_dir);
  const RunConfig& folder = run.config;
  const torch::Device device = run.device;
  const std::vector<std::string> checkpoints = all_checkpoints(run_dir);
  if (checkpoints.empty()) throw InputError("run folder '" + run_dir + "' has no checkpoints (train it first)");
  AnalysisConfig analysis = options.analysis;
  if (!options.umap) analysis.umap_dims.clear();
  const std::string metrics_path = in_folder(run_dir, kMetrics);
  const std::vector<Json> metrics = file_exists(metrics_path) ? read_jsonl(metrics_path) : std::vector<Json>{};
  std::vector<TrackRow> rows;
  Json meta{{"run", run_dir},
            {"layer", options.probe.layer_name()},
            {"grid", options.probe.resolved_grid(folder.data.N)},
            {"seeds", options.probe.seeds},
            {"seed", options.probe.seed},
            {"reference", enum_name(options.reference, kReferenceTorusNames)},
            {"checkpoints", checkpoints.size()},
            {"config", to_toml(analysis)}};
  for (std::size_t c = 0; c < checkpoints.size(); ++c) {
    LoadedModel m = load_model(run_dir, checkpoints[c], device);
    const ProbeResult r = probe_representations(m.model, options.probe, m.config.data.N, m.model->geometry().periodic,
                                                m.config.diffusion.T, device);
    const std::string dir = step_dir(out_dir, m.step);
    write_probe(dir, r, Json{{"run", run_dir}, {"checkpoint", m.checkpoint}, {"step", m.step}, {"device", device.str()}});
    const Json a = analyze_representations(r.reps, r.labels, r.N, analysis, dir, options.reference);
    meta["t"] = r.t;
    rows.push_back(track_row(m.step, a, joint_accuracy_at(metrics, m.step)));
    write_track(out_dir, rows, meta);
    log_info("track: checkpoint ", c + 1, "/", checkpoints.size(), " (step ", m.step, ") done");
  }
  log_info("track: wrote ", out_dir, "/track.csv and track.json");
  return checkpoints.size();
}

}  // namespace factorlab
