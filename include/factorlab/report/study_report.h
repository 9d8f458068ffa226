// factorlab/report/study_report.h — STUDY/report.html and STUDY/figures/*.png for a study folder
// (study.h), by kind:
//   compositional: x / y / joint accuracy in the vertical band, horizontal band and intersection for
//     each training set (2d, 1d, union, 1d_norim); OOD accuracy vs lesion width; OOD accuracy vs W
//     for interior and exterior W x W holdouts;
//   data_efficiency: accuracy vs subsampling fraction per N, for bumps and bumps+stripes; the size
//     for 60 % accuracy vs N on log-log axes with the fitted exponents;
//   percolation: simulated largest-cluster ratio vs lambda per sigma beside the trained models'
//     accuracy vs lambda per sigma;
//   factorization (one run replicated over seeds): joint accuracy per run, and the factorization
//     claims with the seeds pooled;
//   sweep: joint accuracy per run.
// Each with the paper's claims for that experiment, the runs and their timings, and the numbers.
// Deliberately not: per-run figures (each run folder has its own report, run_report.h).
#pragma once
#include <string>

#include "factorlab/report/sections.h"

namespace factorlab {

// InputError for a folder without a valid study.json; figure failures are reported, not thrown.
ReportOutcome write_study_report(const std::string& study_dir, const ReportOptions& options = {});

}  // namespace factorlab
