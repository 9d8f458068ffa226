// factorlab/report/memorization.h — memorization or composition? (docs/memorization.md) For every
// setting of a study (the runs with the same labels, their seeds pooled) and every region of its
// eval conditions, the trained model's joint accuracy and copy rate beside those of the memorizing
// baseline, the exact empirical-optimal denoiser of the same training set (run.baseline; RUN/optimal).
// A held-out region "composes" when the model both beats the memorizer there and makes new images:
//   holds  when Newcombe's 95 % interval of (model - baseline) joint accuracy lies above 0 and the
//          Wilson interval of the model's copy rate lies below kCopyMajority (most samples are new);
//   fails  when the difference interval lies entirely below 0 or the copy-rate interval entirely
//          above kCopyMajority;
//   inconclusive otherwise (e.g. one seed of a few conditions); not measured without the baseline.
// The in-distribution region gets no verdict: composing is about conditions never trained on.
// kCopyMajority was fixed before any run was scored with it (a majority of copies = memorizing).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "factorlab/report/claims.h"
#include "factorlab/report/html.h"
#include "factorlab/report/study.h"
#include "factorlab/report/verdict.h"

namespace factorlab {

constexpr double kCopyMajority = 0.5;

struct MemorizationRow {
  std::string setting;  // "experiment=cross, train_set=2d" (labels but the seed); "" for a lone run
  std::string region;   // id, ood (holdout when the run has no ood group), band_x, band_y, intersection
  std::optional<PooledAccuracy> model, baseline;            // joint accuracy
  std::optional<PooledAccuracy> model_copy, baseline_copy;  // copy rate
  std::optional<Interval> difference;                       // model - baseline joint accuracy
  Verdict composes = Verdict::NotMeasured;                  // NotMeasured for id
};

// Rows in the runs' order of settings, then region order; a region no run of the setting has is left out.
std::vector<MemorizationRow> memorization_rows(const std::vector<StudyRun>& runs);
// The same for one run folder's numbers.
std::vector<MemorizationRow> memorization_rows(const Numbers& run);
// setting | region | model joint | baseline joint | model copy rate | baseline copy rate | composes,
// row classes by verdict (verdict_class).
HtmlTable memorization_table(const std::vector<MemorizationRow>& rows);
// Whether any row has the baseline's numbers (a study run without run.baseline has none).
bool has_baseline(const std::vector<MemorizationRow>& rows);

}  // namespace factorlab
