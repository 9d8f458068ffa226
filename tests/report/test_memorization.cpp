// tests/report/test_memorization.cpp — the memorization table (report/memorization.h) on numbers
// chosen to make "composes" hold, fail on either part, be inconclusive, or be unmeasured; seeds pooled
// per setting; the id region gets no verdict; the baseline's numbers are read from optimal/eval.json.
#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

#include "factorlab/core/fs.h"
#include "factorlab/report/memorization.h"
#include "factorlab/report/run_numbers.h"

#include "../support/scratch_dir.h"

namespace factorlab {
namespace {

// One run's numbers: OOD joint accuracy and copy rate of the model and of the baseline over n conditions.
Numbers numbers(double model, double model_copy, double base, double base_copy, double n) {
  return {{"eval.id.joint", 1.0},          {"eval.id.count", 64},           {"eval.id.copy_rate", 0.0},
          {"eval.ood.joint", model},       {"eval.ood.count", n},           {"eval.ood.copy_rate", model_copy},
          {"baseline.id.joint", 1.0},      {"baseline.id.count", 64},       {"baseline.id.copy_rate", 0.0},
          {"baseline.ood.joint", base},    {"baseline.ood.count", n},       {"baseline.ood.copy_rate", base_copy}};
}

StudyRun run(const std::string& set, int seed, Numbers n) {
  StudyRun r;
  r.name = set + "_s" + std::to_string(seed);
  r.labels = {{"train_set", set}, {"seed", std::to_string(seed)}};
  r.numbers = std::move(n);
  return r;
}

const MemorizationRow& row(const std::vector<MemorizationRow>& rows, const std::string& setting, const std::string& region) {
  for (const auto& r : rows)
    if (r.setting == setting && r.region == region) return r;
  ADD_FAILURE() << "no row " << setting << " / " << region;
  static MemorizationRow none;
  return none;
}

TEST(Memorization, ComposesHoldsFailsOrIsInconclusiveByTheRule) {
  const std::vector<StudyRun> runs = {
      // beats the memorizer by far, new images: holds (pooled over 2 seeds of 100 conditions)
      run("good", 0, numbers(0.90, 0.02, 0.0, 1.0, 100)), run("good", 1, numbers(0.85, 0.04, 0.0, 1.0, 100)),
      // as accurate as the memorizer and copying: fails on both parts
      run("copier", 0, numbers(0.10, 0.95, 0.10, 1.0, 100)),
      // accurate but mostly copies: fails on the copy rate alone
      run("accurate_copier", 0, numbers(0.90, 0.90, 0.0, 1.0, 100)),
      // 2 of 3 vs 0 of 3, 1 of 3 copies: intervals too wide, inconclusive
      run("few", 0, numbers(2.0 / 3, 1.0 / 3, 0.0, 1.0, 3)),
  };
  const auto rows = memorization_rows(runs);
  EXPECT_TRUE(has_baseline(rows));
  const auto& good = row(rows, "train_set=good", "ood");
  EXPECT_EQ(good.composes, Verdict::Holds);
  ASSERT_TRUE(good.model);
  EXPECT_DOUBLE_EQ(good.model->n, 200);
  EXPECT_DOUBLE_EQ(good.model->successes, 175);
  ASSERT_TRUE(good.difference);
  EXPECT_GT(good.difference->lo, 0);
  EXPECT_EQ(row(rows, "train_set=copier", "ood").composes, Verdict::Fails);
  EXPECT_EQ(row(rows, "train_set=accurate_copier", "ood").composes, Verdict::Fails);
  EXPECT_EQ(row(rows, "train_set=few", "ood").composes, Verdict::Inconclusive);
  // id: shown, never judged.
  EXPECT_EQ(row(rows, "train_set=good", "id").composes, Verdict::NotMeasured);
  const HtmlTable t = memorization_table(rows);
  ASSERT_EQ(t.rows.size(), rows.size());
  EXPECT_EQ(t.rows[0][1], "id");
  EXPECT_EQ(t.rows[0].back(), "(trained on)");
  EXPECT_EQ(t.rows[1].back(), "holds");
}

TEST(Memorization, WithoutTheBaselineNothingIsJudged) {
  Numbers n = numbers(0.9, 0.0, 0, 0, 100);
  for (auto it = n.begin(); it != n.end();) it = it->first.rfind("baseline.", 0) == 0 ? n.erase(it) : std::next(it);
  const auto rows = memorization_rows(n);
  EXPECT_FALSE(has_baseline(rows));
  for (const auto& r : rows) EXPECT_EQ(r.composes, Verdict::NotMeasured) << r.region;
  // A holdout study names its OOD group "holdout".
  const Numbers h = {{"eval.holdout.joint", 0.5}, {"eval.holdout.count", 10}, {"eval.holdout.copy_rate", 0.1},
                     {"baseline.holdout.joint", 0.0}, {"baseline.holdout.count", 10}, {"baseline.holdout.copy_rate", 1.0}};
  const auto hrows = memorization_rows(h);
  ASSERT_EQ(hrows.size(), 1u);
  EXPECT_EQ(hrows[0].region, "holdout");
  EXPECT_NE(hrows[0].composes, Verdict::NotMeasured);
}

// The baseline's eval.json (RUN/optimal/eval.json) becomes baseline.<group>.*, its novelty copy rates
// <source>.<group>.copy_rate, beside the model's.
TEST(Memorization, RunNumbersReadTheBaselineAndTheCopyRates) {
  const std::filesystem::path dir = test_support::scratch_dir("memo", "", false);
  const Json model = {{"groups", {{"ood", {{"joint_accuracy", 0.75}, {"count", 8}}}}},
                      {"novelty", {{"groups", {{"ood", {{"copy_rate", 0.125}, {"copies", 1}}}}}}}};
  const Json base = {{"groups", {{"ood", {{"joint_accuracy", 0.0}, {"count", 8}}}}},
                     {"novelty", {{"groups", {{"ood", {{"copy_rate", 1.0}, {"copies", 8}}}}}}}};
  make_dirs((dir / "optimal").string());
  write_json((dir / "eval.json").string(), model);
  write_json((dir / "optimal" / "eval.json").string(), base);
  const Numbers n = numbers_from_stage_files(dir.string());
  EXPECT_EQ(lookup(n, "eval.ood.joint"), 0.75);
  EXPECT_EQ(lookup(n, "eval.ood.copy_rate"), 0.125);
  EXPECT_EQ(lookup(n, "eval.ood.copies"), 1);
  EXPECT_EQ(lookup(n, "baseline.ood.joint"), 0.0);
  EXPECT_EQ(lookup(n, "baseline.ood.copy_rate"), 1.0);
  EXPECT_EQ(lookup(n, "baseline.ood.count"), 8);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace factorlab
