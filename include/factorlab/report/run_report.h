// factorlab/report/run_report.h — RUN/report.html and RUN/figures/*.png for one run folder:
// the config, the stage timings, the claims of docs/design.md 9.1 (factorization) checked on this run's
// numbers, the figures (training loss and accuracy; with `analyze --track`, accuracy, effective
// dimension, top-4 explained variance and Betti numbers vs step and PCA pictures at start, middle
// and end; the PCA spectrum, UMAP, orthogonality / parallelism histograms next to the ideal 3D and
// Clifford tori (with the hyper-factorization statistics), the persistence diagram; with
// `analyze --map`, heatmaps of the representation map over (block, timestep); the sample grids) and
// the headline numbers.
// Every input is optional: what a run folder lacks is named on the page, never invented.
// Deliberately not: running any stage, or the claims of multi-run experiments (study_report.h).
#pragma once
#include <string>

#include "factorlab/report/sections.h"

namespace factorlab {

// InputError when run_dir is not a folder. A figure that cannot be drawn (no gnuplot, gnuplot
// error) is reported in the outcome and on the page; it does not stop the report.
ReportOutcome write_run_report(const std::string& run_dir, const ReportOptions& options = {});

}  // namespace factorlab
