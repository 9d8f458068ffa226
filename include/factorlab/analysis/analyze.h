// factorlab/analysis/analyze.h — every analysis of docs/design.md 7 on one representation (a matrix
// [conditions, features] with its labels), written into a folder, and the series of a few of their
// numbers over training checkpoints (tracking, paper Fig. 2c-g).
// Plain C++ on Eigen (no LibTorch): a reps.npy from anywhere can be analysed. Deliberately not here:
// producing the representation (probe.h) or loading checkpoints: experiments/track_stage.h probes and
// analyses every checkpoint (for `factorlab analyze --track` and run.track); this file only turns each
// checkpoint's analysis.json into a row (track_row) and writes the series (write_track).
// Reference: arXiv 2408.13256 (effective dimension, Betti numbers, orthogonality/parallelism vs an
// ideal 3D torus and a Clifford torus, UMAP pictures).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "factorlab/analysis/points.h"
#include "factorlab/core/config.h"
#include "factorlab/core/json.h"
#include "factorlab/analysis/analysis_config.h"

namespace factorlab {

// An ideal torus analysed next to the model by the same code (--reference).
enum class ReferenceTorus { None, Torus3d, Clifford };
inline const EnumNames<ReferenceTorus> kReferenceTorusNames = {
    {"none", ReferenceTorus::None}, {"torus3d", ReferenceTorus::Torus3d}, {"clifford", ReferenceTorus::Clifford}};

// Analyses reps [n, dim] with labels [n, 2] (mu_x, mu_y; a complete grid, as the probe makes) of
// images of side N, and writes into out_dir:
//   analysis.json       the returned JSON (see docs/analysis.md for its keys)
//   pca.csv             component, eigenvalue, explained_ratio, cumulative
//   pca_projection.npy  [n, 3] float32: projections on the top 3 components (fewer if rank < 3)
//   ortho.csv           statistic, bin_lo, bin_hi, count (model, torus_3d, clifford_torus)
//   persistence.csv     dim, birth, death            (unless persistence_enabled = false)
//   persistence_band.csv alpha, resamples, method, seed, c, two_c (the band drawn beside it)
//   persistence_pca.csv, persistence_pca_band.csv  the same after PCA (persistence.pca_dims > 0)
//   umap.csv, umap3d.csv index, mu_x, mu_y, u1, u2[, u3] (for each entry of umap_dims)
// With a reference, the PCA summary and persistent homology of that torus at the same labels go
// under "reference". InputError for a bad config, mismatched shapes, labels that are not a grid or
// persistence.pca_dims above the number of features.
Json analyze_representations(const Points& reps, const Points& labels, double N, const AnalysisConfig& config,
                             const std::string& out_dir, ReferenceTorus reference = ReferenceTorus::None);

// --- tracking over checkpoints ---

struct TrackRow {
  std::int64_t step = 0;
  std::optional<double> joint_accuracy;  // from metrics.jsonl, when that step was evaluated
  double participation_ratio = 0;
  int n_components_95 = 0;
  std::vector<double> top_explained;     // explained-variance ratios of components 1..4 (fewer if rank < 4)
  std::vector<int> betti;                // betti0..2 (empty when persistence was off)
};

// The row of one checkpoint from its analysis.json (analyze_representations' result).
TrackRow track_row(std::int64_t step, const Json& analysis, std::optional<double> joint_accuracy);

// eval.all.joint_accuracy of the metrics.jsonl row (read_jsonl) logged at `step`, if it has one.
std::optional<double> joint_accuracy_at(const std::vector<Json>& metrics, std::int64_t step);

// track.csv: step, joint_accuracy, participation_ratio, n_components_95, explained_1..explained_4,
// betti0, betti1, betti2 — one row per checkpoint, a missing value as an empty cell — and
// track.json: `meta` plus "rows" (the same values; missing ones null). Atomic.
void write_track(const std::string& out_dir, const std::vector<TrackRow>& rows, const Json& meta);

}  // namespace factorlab
