// factorlab/probe/map_probe.h — the representation map of a trained UNet (map.h): at each timestep
// of MapConfig every block is captured in the same forward passes (probe.h probe_blocks) and each
// (block, t) cell is analysed into OUT/cells/<block>_tTTTT/ (analyze.h, without UMAP); OUT/map.csv and
// OUT/map.json are rewritten after every cell, so an interrupted map keeps its finished cells.
// Needs LibTorch (src/probe/map_torch.cpp). Deliberately not here: loading a run folder (the cli does).
// Reference: arXiv 2408.13256 (the UNet's representation of the conditions); docs/analysis.md.
#pragma once
#include <string>
#include <vector>

#include "factorlab/core/json.h"
#include "factorlab/model/unet.h"
#include "factorlab/analysis/analyze.h"
#include "factorlab/probe/map.h"
#include "factorlab/probe/probe_config.h"

namespace factorlab {

struct MapOptions {
  ProbeConfig probe;        // grid, seeds, seed, batch_size (layer and t are the map's)
  AnalysisConfig analysis;  // the analysis of every cell; its umap_dims are ignored (no UMAP)
  MapConfig map;
  ReferenceTorus reference = ReferenceTorus::None;
};

// T: the diffusion's number of steps. `meta` (e.g. run, checkpoint, step) goes into map.json with the
// resolved timesteps, the blocks, the grid and the analysis config. Returns the cells, block-major
// within each timestep (t ascending, blocks in forward order).
std::vector<MapCell> run_map(UNet& model, const MapOptions& options, int N, bool periodic, int T,
                             const torch::Device& device, const std::string& out_dir, const Json& meta);

}  // namespace factorlab
