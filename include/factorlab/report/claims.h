// factorlab/report/claims.h — the paper's claims (arXiv 2408.13256: factorization, Fig. 2;
// compositional generalization, Fig. 4) as checks on measured numbers: each claim gets this run's
// numbers in words with their 95 % intervals and a verdict holds / fails / inconclusive / not
// measured (verdict.h). Accuracies pool the conditions of every run of one setting (its seeds) into a
// Wilson interval and show the spread over seeds; comparisons use Newcombe's interval of the
// difference; a quantity measured once per training (participation ratio, factorization distances)
// gets its interval from the spread over seeds (mean -+ t sd / sqrt(k)) and is inconclusive from one
// seed. The thresholds are constants here; docs/report.md lists every rule beside the paper's words.
// Deliberately not: tests of significance or corrections for the number of claims.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "factorlab/report/intervals.h"
#include "factorlab/report/run_numbers.h"
#include "factorlab/report/study.h"
#include "factorlab/report/verdict.h"

namespace factorlab {

struct Claim {
  std::string experiment;  // "factorization", "compositional", "data efficiency", "percolation"
  std::string claim;       // the paper's claim, in words
  std::string measured;    // this run's numbers and their intervals, in words
  std::string rule;        // what "holds" means here
  Verdict verdict = Verdict::NotMeasured;
};

// Thresholds (docs/report.md).
constexpr double kHighAccuracy = 0.95;      // "accuracy rises to ~100 %"
constexpr int kTorusBetti[3] = {1, 2, 1};   // a torus' Betti numbers
constexpr double kLowDimension = 10.0;      // participation ratio; the paper reports ~7
constexpr double kSettledChange = 0.2;      // relative change of the last two tracked values
constexpr double kComposedAccuracy = 0.8;   // "high" accuracy in a held-out band
constexpr double kFailedAccuracy = 0.5;     // "low" accuracy: interpolation failed
constexpr double kHyperCosine = -0.5;       // opposite-value cosine: planar circle -1, hyper-factorized 0

// One accuracy (eval.<group>.<what>) pooled over runs of one setting: each run contributes
// round(accuracy * n) successes of its n = eval.<group>.count conditions.
struct PooledAccuracy {
  double successes = 0, n = 0;  // summed over the runs
  std::vector<double> per_run;  // each run's accuracy
  bool counted = true;          // every run had its condition count
  double estimate() const;      // successes / n; the mean of per_run when a count is missing
  std::optional<Interval> ci() const;  // Wilson over the pooled conditions; nullopt without counts
  // "66.7 % (6 of 9, 95 % CI 35.4 .. 87.9 %)"; with several runs also "; 3 seeds 55.6 .. 77.8 %".
  std::string text() const;
};
// `group` "ood" means eval.ood, else eval.holdout, per run. nullopt when no run has the accuracy.
// source "baseline" reads the memorizing baseline's numbers (baseline.<group>.<what>) instead; what
// "copy_rate" pools the copy rates (eval/novelty.h) the same way.
std::optional<PooledAccuracy> pooled_accuracy(const std::vector<const Numbers*>& runs, const std::string& group,
                                              const std::string& what, const std::string& source = "eval");
// Newcombe's interval for a - b; nullopt when either has no interval.
std::optional<Interval> accuracy_difference(const PooledAccuracy& a, const PooledAccuracy& b);

// Factorization on the runs of one setting (one run, or its seeds). tracked_dimension: per run, the
// participation ratios of its tracked checkpoints in training order (track.csv), empty when untracked.
std::vector<Claim> factorization_claims(const std::vector<Numbers>& runs,
                                        const std::vector<std::vector<double>>& tracked_dimension);
std::vector<Claim> factorization_claims(const Numbers& numbers, const std::vector<double>& tracked_dimension);

// Compositional generalization on a study (runs labelled experiment / train_set / width; runs with
// the same labels, e.g. seeds, are pooled).
std::vector<Claim> compositional_claims(const std::vector<StudyRun>& runs);

using Where = std::vector<std::pair<std::string, std::string>>;
// The runs whose labels match every (label, value) of `where`.
std::vector<const Numbers*> runs_where(const std::vector<StudyRun>& runs, const Where& where);
// The mean of `key` over the runs whose labels match `where` (nullopt when no such run has the key).
std::optional<double> mean_where(const std::vector<StudyRun>& runs, const Where& where, const std::string& key);

// The mean OOD accuracy (`what` = x, y or joint) of the runs of one holdout experiment (label
// experiment = lesion, interior or exterior) by their numeric label width.
std::map<double, double> holdout_curve(const std::vector<StudyRun>& runs, const std::string& experiment,
                                       const std::string& what);
// The same pooled over the runs at each width.
std::map<double, PooledAccuracy> holdout_pools(const std::vector<StudyRun>& runs, const std::string& experiment,
                                               const std::string& what);

// The OOD accuracy of a holdout run: eval.ood.<what>, else eval.holdout.<what>.
std::optional<double> ood_accuracy(const Numbers& numbers, const std::string& what);

// A quantity measured once per run (seed), in words with its interval over seeds:
// "6.37 (one seed: no interval)" or "mean 6.4, 95 % CI 5.1 .. 7.6 over 3 seeds (6, 6.4, 6.7)".
std::string seeds_text(const std::vector<double>& values);

}  // namespace factorlab
