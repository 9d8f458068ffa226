// factorlab/probe/probe_config.h — ProbeConfig, how representations are read out of a trained
// network (docs/design.md 7.1): which block, at which timestep, on which grid of conditions, with how
// many noise seeds averaged. The grid of conditions itself is probe_grid.h.
// Plain C++ (no LibTorch, no Eigen) so configs validate in every build.
// Deliberately not here: running the network (probe.h) or analysing the vectors (analyze.h).
// Reference: the paper's representation analysis (arXiv 2408.13256, Section 3 and Fig. 2), where
// activations of a fixed noise image at a middle timestep are collected for every condition.
#pragma once
#include <cstdint>
#include <string>

#include "factorlab/core/config.h"

namespace factorlab {

// The UNet's named blocks (model/unet.h block_names(); a test keeps the two lists equal).
enum class ProbeLayer { Stem, Down1, Down2, Down3, Mid, Up1, Up2, Up3, Out };
inline const EnumNames<ProbeLayer> kProbeLayerNames = {
    {"stem", ProbeLayer::Stem}, {"down1", ProbeLayer::Down1}, {"down2", ProbeLayer::Down2},
    {"down3", ProbeLayer::Down3}, {"mid", ProbeLayer::Mid}, {"up1", ProbeLayer::Up1},
    {"up2", ProbeLayer::Up2}, {"up3", ProbeLayer::Up3}, {"out", ProbeLayer::Out}};

struct ProbeConfig {
  ProbeLayer layer = ProbeLayer::Mid;
  int t = -1;               // timestep (0-based) the network sees; -1: T / 2
  int grid = 0;             // conditions per axis; 0: N (every integer label of the frame on a torus)
  int seeds = 1;            // noise images averaged: seeds seed, seed + 1, ..., seed + seeds - 1
  std::int64_t seed = 0;    // the first noise seed
  int batch_size = 256;     // conditions per network call

  template <class V> void visit(V& v) {
    v("layer", layer, kProbeLayerNames);
    v("t", t);
    v("grid", grid);
    v("seeds", seeds);
    v("seed", seed);
    v("batch_size", batch_size);
  }
  // InputError naming "probe.<key>", value and what is allowed.
  void validate() const;

  std::string layer_name() const { return enum_name(layer, kProbeLayerNames); }
  // The timestep used with a diffusion of T steps; InputError when t >= T.
  int resolved_t(int T) const;
  // Conditions per axis for an image side N.
  int resolved_grid(int N) const { return grid > 0 ? grid : N; }
};

}  // namespace factorlab
