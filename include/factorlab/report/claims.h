// factorlab/report/claims.h — the paper's claims (SPEC Section 8) as checks on measured numbers:
// each claim gets this run's numbers in words and a verdict yes / no / not measured. The thresholds
// are constants here and documented in docs/report.md; where the paper gives no number the
// threshold is our reading of its words, and the table prints the rule next to the verdict.
// Deliberately not: statistics over seeds (a study with repeated labels is averaged, nothing more).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "factorlab/report/run_numbers.h"
#include "factorlab/report/study.h"

namespace factorlab {

enum class Verdict { Yes, No, NotMeasured };
const char* verdict_name(Verdict v);  // "yes", "no", "not measured"
Verdict verdict_of(bool measured, bool holds);  // NotMeasured unless measured

struct Claim {
  std::string experiment;  // "factorization", "compositional", "data efficiency", "percolation"
  std::string claim;       // the paper's claim, in words
  std::string measured;    // this run's numbers, in words
  std::string rule;        // what "holds" means here
  Verdict verdict = Verdict::NotMeasured;
};

// Thresholds (docs/report.md).
constexpr double kHighAccuracy = 0.95;      // "accuracy rises to ~100 %"
constexpr int kTorusBetti1 = 2;             // "torus-like (H1 = 2)"
constexpr double kLowDimension = 10.0;      // participation ratio; the paper reports ~7
constexpr double kSettledChange = 0.2;      // relative change of the last two tracked values
constexpr double kComposedAccuracy = 0.8;   // "high" accuracy in a held-out band
constexpr double kFailedAccuracy = 0.5;     // "low" accuracy: interpolation failed

// SPEC 8.1 on one run. tracked_dimension: participation ratios of the tracked checkpoints in
// training order (track.csv), empty when the run was not tracked.
std::vector<Claim> factorization_claims(const Numbers& numbers, const std::vector<double>& tracked_dimension);

// SPEC 8.2 on a compositional study (runs labelled experiment / train_set / width).
std::vector<Claim> compositional_claims(const std::vector<StudyRun>& runs);

// The mean of `key` over the runs whose labels match every (label, value) of `where` (nullopt when
// no such run has the key).
std::optional<double> mean_where(const std::vector<StudyRun>& runs,
                                 const std::vector<std::pair<std::string, std::string>>& where, const std::string& key);

// The mean OOD accuracy (`what` = x, y or joint) of the runs of one holdout experiment (label
// experiment = lesion, interior or exterior) by their numeric label width.
std::map<double, double> holdout_curve(const std::vector<StudyRun>& runs, const std::string& experiment,
                                       const std::string& what);

// The OOD accuracy of a holdout run: eval.ood.<what>, else eval.holdout.<what>.
std::optional<double> ood_accuracy(const Numbers& numbers, const std::string& what);

}  // namespace factorlab
