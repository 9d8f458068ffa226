// factorlab/probe/map_torch.cpp — see map_probe.h. Built only with LibTorch.
#include "factorlab/probe/map_probe.h"

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/probe/probe.h"

namespace factorlab {

std::vector<MapCell> run_map(UNet& model, const MapOptions& options, int N, bool periodic, int T,
                             const torch::Device& device, const std::string& out_dir, const Json& meta) {
  options.probe.validate();
  options.analysis.validate();
  const std::vector<int> timesteps = options.map.resolved_t(T);
  AnalysisConfig analysis = options.analysis;
  analysis.umap_dims.clear();  // UMAP is for pictures; a map cell is numbers only
  std::vector<ProbeLayer> layers;
  for (const auto& [name, layer] : kProbeLayerNames) layers.push_back(layer);
  ensure_writable_dir(out_dir);

  Json m = meta;
  m["timesteps"] = timesteps;
  m["T"] = T;
  m["blocks"] = map_blocks();
  m["grid"] = options.probe.resolved_grid(N);
  m["seeds"] = options.probe.seeds;
  m["seed"] = options.probe.seed;
  m["reference"] = enum_name(options.reference, kReferenceTorusNames);
  m["config"] = to_toml(analysis);

  std::vector<MapCell> cells;
  for (std::size_t k = 0; k < timesteps.size(); ++k) {
    ProbeConfig probe = options.probe;
    probe.t = timesteps[k];
    // All blocks of one timestep from the same passes: memory holds every block's matrix at once.
    const std::vector<ProbeResult> blocks = probe_blocks(model, probe, layers, N, periodic, T, device);
    for (const ProbeResult& r : blocks) {
      const std::string dir = map_cell_dir(out_dir, r.layer, r.t);
      const Json a = analyze_representations(r.reps, r.labels, r.N, analysis, dir, options.reference);
      cells.push_back(map_cell(r.layer, r.t, a));
      write_map(out_dir, cells, m);
    }
    log_info("map: timestep ", timesteps[k], " (", k + 1, "/", timesteps.size(), "): ", blocks.size(), " blocks done");
  }
  return cells;
}

}  // namespace factorlab
