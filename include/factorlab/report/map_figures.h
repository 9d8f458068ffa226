// factorlab/report/map_figures.h — the representation map's figures in a run report: one heatmap over
// (block, timestep) per quantity of RUN/analysis/map/map.csv (`factorlab analyze RUN --map`, probe/map.h):
// participation ratio, Betti numbers b0..b2, x-on-y orthogonality and the opposite-point cosines of
// x- and y-curves (hyper-factorization), each cell labelled with its value; blocks top to bottom in the
// order of the forward pass.
// Deliberately not: computing anything (the numbers are map.csv's) or choosing a "best" cell.
// Reference: arXiv 2408.13256 (where in the UNet, and when in the denoising, the factorized torus is).
#pragma once
#include <string>

#include "factorlab/report/figure_set.h"

namespace factorlab {

// Adds the group "Representation map" to figs; a missing or empty map.csv is noted, not an error.
void map_figures(FigureSet& figs, const std::string& run_dir);

}  // namespace factorlab
