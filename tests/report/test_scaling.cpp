// tests/report/test_scaling.cpp — data efficiency and percolation summaries on runs whose accuracy
// is a known function of size / N^b, so the fitted exponent is known in closed form.
#include <gtest/gtest.h>

#include <cmath>

#include "factorlab/report/scaling.h"
#include "synthetic.h"

namespace factorlab {
namespace {

StudyRun run(std::map<std::string, std::string> labels, Numbers n) {
  StudyRun r;
  r.labels = std::move(labels);
  r.numbers = std::move(n);
  return r;
}

// For each N, sizes n0 * {1/4, 1, 4} with accuracy {0.2, 0.5, 0.9}, n0 = 10 N^b: the 60 % crossing is a
// quarter of the way from n0 to 4 n0 in log size, n0 * 4^0.25 = sqrt(2) n0, so size_60 = 10 sqrt(2) N^b.
std::vector<StudyRun> efficiency_runs(double b_bumps, double b_stripes) {
  std::vector<StudyRun> out;
  for (const auto& [dataset, b] : {std::pair<std::string, double>{"bumps", b_bumps}, {"bumps+stripes", b_stripes}})
    for (double N : {8.0, 16.0, 32.0}) {
      const double n0 = 10 * std::pow(N, b);
      const double sizes[] = {n0 / 4, n0, 4 * n0}, acc[] = {0.2, 0.5, 0.9};
      for (int k = 0; k < 3; ++k)
        out.push_back(run({{"dataset", dataset}, {"N", format_number(N)}, {"fraction", format_number(0.25 * (k + 1))},
                           {"n_train", format_number(sizes[k])}},
                          {{"eval.all.joint", acc[k]}}));
    }
  return out;
}

TEST(DataEfficiency, ExponentsAreRecovered) {
  const DataEfficiencySummary s = data_efficiency_summary(efficiency_runs(2.0, 1.0));
  ASSERT_EQ(s.curves.size(), 6u);
  EXPECT_EQ(s.curves[0].dataset, "bumps");
  EXPECT_NEAR(*s.curves[0].size_60.x, 10 * std::sqrt(2.0) * 64, 1e-6);
  ASSERT_EQ(s.fits.size(), 2u);
  ASSERT_TRUE(s.fits[0].fit && s.fits[1].fit);
  EXPECT_NEAR(s.fits[0].fit->b, 2.0, 1e-9);
  EXPECT_NEAR(s.fits[1].fit->b, 1.0, 1e-9);
  EXPECT_NEAR(s.fits[0].fit->a, 10 * std::sqrt(2.0), 1e-6);
  EXPECT_NEAR(s.fits[0].fit->se_b, 0.0, 1e-6);
  const auto c = data_efficiency_claims(s);
  ASSERT_EQ(c.size(), 3u);
  for (const Claim& k : c) EXPECT_EQ(k.verdict, Verdict::Yes) << k.measured;
}

TEST(DataEfficiency, WrongExponentsAndMissingData) {
  const auto c = data_efficiency_claims(data_efficiency_summary(efficiency_runs(1.0, 1.9)));
  for (const Claim& k : c) EXPECT_EQ(k.verdict, Verdict::No) << k.measured;
  // Only one N: no fit, not measured. The size falls back to the run's data.n_train.
  std::vector<StudyRun> one = {run({{"dataset", "bumps"}, {"N", "8"}}, {{"eval.all.joint", 0.1}, {"data.n_train", 10}}),
                               run({{"dataset", "bumps"}, {"N", "8"}}, {{"eval.all.joint", 0.9}, {"data.n_train", 90}})};
  const DataEfficiencySummary s = data_efficiency_summary(one);
  ASSERT_EQ(s.curves.size(), 1u);
  EXPECT_NEAR(*s.curves[0].size_60.x, 10 * std::pow(9.0, 0.625), 1e-9);  // (0.6 - 0.1) / 0.8 of the way in log
  EXPECT_FALSE(s.fits[0].fit);
  for (const Claim& k : data_efficiency_claims(s)) EXPECT_EQ(k.verdict, Verdict::NotMeasured);
}

TEST(Percolation, ThresholdsFromSimulationAndRuns) {
  const std::string dir = testing::fresh_dir("scaling-perc");
  write_json(dir + "/percolation.json", Json{{"sigma", {0.5, 1.0}}, {"critical_lambda", {0.6, nullptr}}});
  std::vector<StudyRun> runs;
  for (const auto& [sigma, lam, acc] : std::vector<std::tuple<const char*, const char*, double>>{
           {"0.5", "0.4", 0.2}, {"0.5", "0.8", 1.0}, {"1", "0.2", 0.2}, {"1", "0.6", 1.0}})
    runs.push_back(run({{"sigma", sigma}, {"lambda", lam}}, {{"eval.all.joint", acc}}));
  const auto s = percolation_summary(dir, runs);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_DOUBLE_EQ(s[0].critical_lambda, 0.6);
  EXPECT_TRUE(std::isnan(s[1].critical_lambda));
  EXPECT_NEAR(*s[0].lambda_60.x, 0.4 + 0.4 * 0.5, 1e-12);
  EXPECT_NEAR(*s[1].lambda_60.x, 0.2 + 0.4 * 0.5, 1e-12);
  const auto c = percolation_claims(s);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].verdict, Verdict::NotMeasured);  // one simulated sigma only
  EXPECT_EQ(c[1].verdict, Verdict::Yes);          // 0.6 then 0.4: falls with sigma
  EXPECT_EQ(c[2].verdict, Verdict::Yes);          // |0.6 - 0.6| <= 0.15
  EXPECT_TRUE(percolation_summary("", {}).empty());
}

}  // namespace
}  // namespace factorlab
