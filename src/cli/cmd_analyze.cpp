// factorlab/cli/cmd_analyze.cpp — `factorlab analyze RUN|reps.npy [--labels labels.npy] [--N n]
// [--reference torus3d|clifford] [--track [--umap]] [--set analysis.key=value ...] [--out DIR]`.
//   reps.npy: analyses that matrix (labels.npy and probe.json next to it give labels and N unless
//             --labels / --N say otherwise); output next to it unless --out.
//   RUN:      probes the run's latest (or --checkpoint) model with the probe options, then analyses;
//             output RUN/analysis unless --out.
//   --track:  probe + analysis of every checkpoint of RUN into DIR/track/step_XXXXXXXX/, and the
//             series DIR/track.csv, DIR/track.json (DIR = RUN unless --out). UMAP is off unless --umap.
//   --map:    every block probed at several timesteps (--map-t, --map-n-t) and each cell analysed
//             without UMAP: OUT/map/map.csv, map.json, cells/ (OUT = RUN/analysis unless --out).
// A RUN input needs LibTorch; that code is compiled when cmd_probe.cpp is (FACTORLAB_HAS_CMD_PROBE),
// and without it a RUN input is an InputError. Reading a .npy never needs LibTorch.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "factorlab/analysis/points.h"
#include "factorlab/cli/commands.h"
#include "factorlab/core/error.h"
#include "factorlab/core/folder_lock.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/json.h"
#include "factorlab/core/log.h"
#include "factorlab/core/npy.h"
#include "factorlab/core/run_files.h"
#include "factorlab/analysis/analyze.h"
#include "factorlab/probe/map.h"
#include "factorlab/probe/probe_config.h"
#ifdef FACTORLAB_HAS_CMD_PROBE
#include "factorlab/experiments/model_setup.h"
#include "factorlab/experiments/results.h"
#include "factorlab/experiments/track_stage.h"
#include "factorlab/probe/map_probe.h"
#include "factorlab/probe/probe.h"
#include "factorlab/train/runtime.h"
#endif

namespace factorlab::cli {

namespace {

struct AnalyzeArgs {
  std::string input, labels, out, checkpoint, reference = "none", layer = "mid";
  double N = 0;
  bool track = false, umap = false, map = false;
  std::vector<std::string> sets;
  ProbeConfig probe;
  std::string map_t;  // --map-t as typed; parsed by map_timesteps
  MapConfig map_config;
};

// --map-t: comma-separated timesteps (integers; their range is checked against the run's T later).
std::vector<int> map_timesteps(const std::string& text) {
  const std::string what = "--map-t = '" + text + "'";
  std::vector<int> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (item.empty()) throw InputError(what + ": empty item (give timesteps, e.g. 50,500,950)");
    std::size_t used = 0;
    int v = 0;
    try {
      v = std::stoi(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != item.size()) throw InputError(what + ": '" + item + "' is not a timestep (an integer 0 .. T-1)");
    out.push_back(v);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string parent_dir(const std::string& path) {
  const std::string p = std::filesystem::path(path).parent_path().string();
  return p.empty() ? "." : p;
}

void analyze_npy(const AnalyzeArgs& a, const AnalysisConfig& config, ReferenceTorus reference) {
  if (a.track) throw InputError("--track needs a run folder, not the array '" + a.input + "'");
  if (a.map) throw InputError("--map needs a run folder, not the array '" + a.input + "'");
  const std::string dir = parent_dir(a.input);
  const std::string labels_path = a.labels.empty() ? dir + "/labels.npy" : a.labels;
  if (!file_exists(a.input)) throw InputError("'" + a.input + "' does not exist");
  if (!file_exists(labels_path))
    throw InputError("no labels for '" + a.input + "': '" + labels_path + "' does not exist (give --labels)");
  const Points reps = points_from_npy(read_npy(a.input), a.input);
  const Points labels = points_from_npy(read_npy(labels_path), labels_path);
  double N = a.N;
  if (N <= 0 && file_exists(dir + "/probe.json")) {
    const Json p = read_json(dir + "/probe.json");
    if (p.contains("N") && p["N"].is_number()) N = p["N"].get<double>();
  }
  if (N <= 0) throw InputError("the image side N of '" + a.input + "' is unknown (no probe.json next to it): give --N");
  const FolderLock lock(a.out.empty() ? dir : a.out);
  analyze_representations(reps, labels, N, config, a.out.empty() ? dir : a.out, reference);
}

#ifdef FACTORLAB_HAS_CMD_PROBE
void analyze_run(const AnalyzeArgs& a, AnalysisConfig config, ReferenceTorus reference) {
  ProbeConfig probe = a.probe;
  probe.layer = parse_enum("--layer", a.layer, kProbeLayerNames);
  probe.validate();
  const RunConfig folder = load_run_folder_config(a.input);  // first: a missing run makes no folder
  // RUN/analysis and RUN/results.json belong to the run, so the run is locked unless --out.
  const FolderLock lock(a.out.empty() ? a.input : a.out);
  if (a.track) {
    if (!a.checkpoint.empty()) throw InputError("--track analyses every checkpoint; leave out --checkpoint");
    run_track_stage(a.input, TrackOptions{probe, config, reference, a.umap}, a.out.empty() ? a.input : a.out);
    return;
  }
  const torch::Device device = open_run(folder).device;
  const std::string out = a.out.empty() ? a.input + "/analysis" : a.out;
  LoadedModel m = load_model(a.input, a.checkpoint, device);
  if (a.map) {
    const MapOptions options{probe, config, a.map_config, reference};
    const std::vector<MapCell> cells =
        run_map(m.model, options, m.config.data.N, m.model->geometry().periodic, m.config.diffusion.T, device,
                out + "/map", Json{{"run", a.input}, {"checkpoint", m.checkpoint}, {"step", m.step}, {"device", device.str()}});
    log_info("analyze: ", cells.size(), " map cells; wrote ", out, "/map/map.csv and map.json");
    return;
  }
  const ProbeResult r = probe_representations(m.model, probe, m.config.data.N, m.model->geometry().periodic,
                                              m.config.diffusion.T, device);
  write_probe(out, r, Json{{"run", a.input}, {"checkpoint", m.checkpoint}, {"step", m.step}, {"device", device.str()}});
  analyze_representations(r.reps, r.labels, r.N, config, out, reference);
  // The run's own analysis was replaced: its results.json (read first by `factorlab report`) must
  // not keep the old numbers.
  if (a.out.empty() && file_exists(in_folder(a.input, kResults))) write_run_results(a.input);
}
#endif

}  // namespace

void add_analyze_command(CLI::App& app) {
  auto a = std::make_shared<AnalyzeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "analyze", "PCA, persistent homology, orthogonality/parallelism and UMAP of a representation "
                 "(reps.npy or a run's probe); --track: over every checkpoint");
  cmd->add_option("input", a->input, "reps.npy, or a run folder (probed first)")->required();
  cmd->add_option("--labels", a->labels, "labels.npy [n, 2] (default: next to reps.npy)");
  cmd->add_option("--N", a->N, "image side (default: from probe.json next to reps.npy, or the run)");
  cmd->add_option("--reference", a->reference, "also analyse an ideal torus: " + enum_choices(kReferenceTorusNames))
      ->capture_default_str();
  cmd->add_flag("--track", a->track, "probe and analyse every checkpoint of the run: track.csv, track.json");
  cmd->add_flag("--umap", a->umap, "with --track: draw the UMAP embeddings too (off by default there)");
  cmd->add_flag("--map", a->map, "probe every block at several timesteps, analyse each (no UMAP): OUT/map/map.csv");
  cmd->add_option("--map-t", a->map_t, "with --map: timesteps, e.g. 50,500,950 (default: --map-n-t of them, 0.05 T .. 0.95 T)");
  cmd->add_option("--map-n-t", a->map_config.n_t, "with --map: how many default timesteps")->capture_default_str();
  cmd->add_option("--set", a->sets, "override an analysis key: analysis.section.key=value (repeatable)")
      ->allow_extra_args(false)
      ->take_all();
  cmd->add_option("--out", a->out, "output folder (default: next to reps.npy; RUN/analysis; RUN with --track)");
  cmd->add_option("--checkpoint", a->checkpoint, "run input: checkpoint file (default: the latest)");
  cmd->add_option("--layer", a->layer, "run input: block, " + enum_choices(kProbeLayerNames))->capture_default_str();
  cmd->add_option("--t", a->probe.t, "run input: timestep; -1: T/2")->capture_default_str();
  cmd->add_option("--grid", a->probe.grid, "run input: conditions per axis; 0: N")->capture_default_str();
  cmd->add_option("--seeds", a->probe.seeds, "run input: noise images averaged")->capture_default_str();
  cmd->add_option("--seed", a->probe.seed, "run input: first noise seed")->capture_default_str();
  cmd->callback([a, cmd] {
    const AnalysisConfig config = analysis_config_from_overrides(a->sets);
    const ReferenceTorus reference = parse_enum("--reference", a->reference, kReferenceTorusNames);
    if (a->umap && !a->track) throw InputError("--umap only applies with --track (analyze draws UMAP by default)");
    for (const char* opt : {"--map-t", "--map-n-t"})
      if (!a->map && cmd->count(opt) > 0) throw InputError(std::string(opt) + " only applies with --map");
    if (a->map) {
      if (a->track) throw InputError("--map and --track cannot be combined (the map probes one checkpoint)");
      if (cmd->count("--layer") > 0) throw InputError("--layer does not apply with --map (every block is probed)");
      if (cmd->count("--t") > 0) throw InputError("--t does not apply with --map (give its timesteps with --map-t)");
      if (cmd->count("--map-t") > 0) a->map_config.t = map_timesteps(a->map_t);
      a->map_config.validate();
    }
    if (std::filesystem::path(a->input).extension() == ".npy") {
      analyze_npy(*a, config, reference);
      return;
    }
#ifdef FACTORLAB_HAS_CMD_PROBE
    analyze_run(*a, config, reference);
#else
    throw InputError("'" + a->input + "' is not a .npy file; analysing a run folder (and --track) needs a build with "
                     "LibTorch (probe it elsewhere and pass reps.npy)");
#endif
  });
}

}  // namespace factorlab::cli
