// factorlab/report/scaling.h — the numbers behind the data-efficiency and percolation figures
// (paper Fig. 5 and 6), computed from a study's runs, and their claims:
//   data efficiency: per dataset and N, joint accuracy vs training-set size; the size at which it
//     first reaches 60 % (fit.h, interpolated in log size); the exponent b of size_60 = a N^b
//     (paper: about 2 for bumps alone, about 1 with 1D stripes) with a 95 % interval: over seeds
//     (each seed's own fit, mean -+ t sd / sqrt(k)) when at least 2 seeds fit, else the regression's
//     t interval (needs 3 N values);
//   percolation: the simulated critical lambda per sigma (percolation.json) with an interval from the
//     simulation's band (mean ratio -+ t sd / sqrt(trials), percolation.csv), and per sigma the
//     lambda at which trained models first reach 60 % accuracy (interpolated linearly in lambda) with
//     an interval from the Wilson bands of the pooled accuracies (fit.h band_crossing).
// Deliberately not: drawing (study_report.cpp) or reading run folders (study.h).
#pragma once
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "factorlab/report/claims.h"
#include "factorlab/report/fit.h"
#include "factorlab/report/study.h"

namespace factorlab {

constexpr double kTargetAccuracy = 0.6;        // "dataset size needed for 60 % accuracy"
constexpr double kExponentTolerance = 0.5;     // |b - paper's b| for "about 2" / "about 1"
constexpr double kThresholdTolerance = 0.15;   // |lambda_60 - critical lambda| for "near"
constexpr const char* kAccuracyKey = "eval.all.joint";

struct SizeCurve {
  std::string dataset;  // "bumps" or "bumps+stripes"
  double N = 0;
  std::vector<double> fraction, n_train, accuracy;  // sorted by n_train
  Crossing size_60;
};

struct ExponentFit {
  std::string dataset;
  double paper_exponent = 0;          // 2 for bumps, 1 with stripes
  std::vector<double> N, size_60;     // the N whose curve crossed 60 % (seeds pooled)
  std::optional<PowerLawFit> fit;     // with at least 2 such N
  std::vector<std::string> seeds;     // label seed of each seed with a fit of its own (>= 2 seeds only)
  std::vector<double> seed_b;         // their exponents
  std::optional<Interval> b_ci;       // 95 %: over seeds, else the regression's; nullopt when neither exists
  std::string b_ci_source;            // "over 3 seeds", "regression on 3 N values", or why there is none
};

struct DataEfficiencySummary {
  std::vector<SizeCurve> curves;  // by dataset, then N
  std::vector<ExponentFit> fits;  // bumps, bumps+stripes
};

// Runs are grouped by (label.dataset, label.N); size = label.n_train, else the run's data.n_train.
// Runs at the same size (seeds) are averaged; with label seed each seed is also fitted on its own.
DataEfficiencySummary data_efficiency_summary(const std::vector<StudyRun>& runs);
std::vector<Claim> data_efficiency_claims(const DataEfficiencySummary& s);

struct SigmaThreshold {
  double sigma = 0;
  double critical_lambda = std::numeric_limits<double>::quiet_NaN();  // simulation; NaN if not simulated
  std::optional<Interval> critical_ci;    // from percolation.csv's band; nullopt without it
  std::vector<double> lambda, accuracy;  // trained models, one point per lambda (seeds pooled), sorted
  std::vector<double> accuracy_lo, accuracy_hi;  // Wilson 95 % of each point (NaN without condition counts)
  Crossing lambda_60;
  std::optional<Interval> lambda_60_ci;  // band_crossing of the Wilson bands, domain [0, 1]
  std::vector<double> seed_lambda_60;    // each seed's own crossing (label seed), when >= 2 seeds
};

// percolation_dir: the `factorlab percolate` folder ("" = no simulation); runs labelled sigma, lambda.
std::vector<SigmaThreshold> percolation_summary(const std::string& percolation_dir, const std::vector<StudyRun>& runs);
std::vector<Claim> percolation_claims(const std::vector<SigmaThreshold>& s);

}  // namespace factorlab
