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
// seed: a label seed on every run ("" = none); Ns: the image sizes.
std::vector<StudyRun> efficiency_runs(double b_bumps, double b_stripes, const std::string& seed = "",
                                      std::vector<double> Ns = {8.0, 16.0, 32.0}) {
  std::vector<StudyRun> out;
  for (const auto& [dataset, b] : {std::pair<std::string, double>{"bumps", b_bumps}, {"bumps+stripes", b_stripes}})
    for (double N : Ns) {
      const double n0 = 10 * std::pow(N, b);
      const double sizes[] = {n0 / 4, n0, 4 * n0}, acc[] = {0.2, 0.5, 0.9};
      for (int k = 0; k < 3; ++k) {
        std::map<std::string, std::string> labels = {{"dataset", dataset}, {"N", format_number(N)},
                                                     {"fraction", format_number(0.25 * (k + 1))},
                                                     {"n_train", format_number(sizes[k])}};
        if (!seed.empty()) labels["seed"] = seed;
        out.push_back(run(labels, {{"eval.all.joint", acc[k]}}));
      }
    }
  return out;
}

// Three seeds whose exponents are b + d for d in `spread`.
std::vector<StudyRun> seeded_runs(double b_bumps, double b_stripes, const std::vector<double>& spread) {
  std::vector<StudyRun> out;
  for (std::size_t s = 0; s < spread.size(); ++s)
    for (StudyRun& r : efficiency_runs(b_bumps + spread[s], b_stripes + spread[s], std::to_string(s))) out.push_back(r);
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
  for (const Claim& k : c) EXPECT_EQ(k.verdict, Verdict::Holds) << k.measured;
  EXPECT_NE(c[0].measured.find("95 % CI 2 .. 2 from the regression on 3 N values"), std::string::npos) << c[0].measured;
}

TEST(DataEfficiency, WrongExponentsAndMissingData) {
  const auto c = data_efficiency_claims(data_efficiency_summary(efficiency_runs(1.0, 1.9)));
  for (const Claim& k : c) EXPECT_EQ(k.verdict, Verdict::Fails) << k.measured;
  // Only one N: no fit, not measured. The size falls back to the run's data.n_train.
  std::vector<StudyRun> one = {run({{"dataset", "bumps"}, {"N", "8"}}, {{"eval.all.joint", 0.1}, {"data.n_train", 10}}),
                               run({{"dataset", "bumps"}, {"N", "8"}}, {{"eval.all.joint", 0.9}, {"data.n_train", 90}})};
  const DataEfficiencySummary s = data_efficiency_summary(one);
  ASSERT_EQ(s.curves.size(), 1u);
  EXPECT_NEAR(*s.curves[0].size_60.x, 10 * std::pow(9.0, 0.625), 1e-9);  // (0.6 - 0.1) / 0.8 of the way in log
  EXPECT_FALSE(s.fits[0].fit);
  for (const Claim& k : data_efficiency_claims(s)) EXPECT_EQ(k.verdict, Verdict::NotMeasured);
}

// Two N values: a fit but no regression interval (no degrees of freedom), one seed: inconclusive.
TEST(DataEfficiency, TwoNValuesFromOneSeedAreInconclusive) {
  const DataEfficiencySummary s = data_efficiency_summary(efficiency_runs(2.0, 1.0, "", {8.0, 16.0}));
  ASSERT_TRUE(s.fits[0].fit);
  EXPECT_FALSE(s.fits[0].b_ci);
  const auto c = data_efficiency_claims(s);
  for (const Claim& k : c) EXPECT_EQ(k.verdict, Verdict::Inconclusive) << k.measured;
  EXPECT_NE(c[0].measured.find("none (one seed and fewer than 3 N values)"), std::string::npos) << c[0].measured;
}

// Seeds: each seed fitted on its own; the interval is mean -+ t(2) sd / sqrt(3) over the seeds'
// exponents, the difference paired by seed.
TEST(DataEfficiency, SeedsGiveTheExponentsTheirInterval) {
  const DataEfficiencySummary s = data_efficiency_summary(seeded_runs(2.0, 1.0, {-0.1, 0.0, 0.1}));
  ASSERT_EQ(s.fits[0].seed_b.size(), 3u);
  EXPECT_NEAR(s.fits[0].seed_b[0], 1.9, 1e-9);
  ASSERT_TRUE(s.fits[0].b_ci);
  EXPECT_NEAR(s.fits[0].b_ci->lo, 2.0 - 4.303 * 0.1 / std::sqrt(3.0), 1e-9);
  EXPECT_NEAR(s.fits[0].b_ci->hi, 2.0 + 4.303 * 0.1 / std::sqrt(3.0), 1e-9);
  const auto c = data_efficiency_claims(s);
  for (const Claim& k : c) EXPECT_EQ(k.verdict, Verdict::Holds) << k.measured;
  EXPECT_NE(c[0].measured.find("over 3 seeds"), std::string::npos) << c[0].measured;
  EXPECT_NE(c[2].measured.find("-1 .. -1 over 3 seeds"), std::string::npos) << c[2].measured;  // paired: exactly -1
  // Seeds that disagree widely: the intervals straddle the rules' bounds.
  for (const Claim& k : data_efficiency_claims(data_efficiency_summary(seeded_runs(2.0, 1.0, {-0.8, 0.0, 0.8}))))
    if (k.claim.find("smaller exponent") == std::string::npos) {
      EXPECT_EQ(k.verdict, Verdict::Inconclusive) << k.measured;
    }
}

TEST(Percolation, ThresholdsFromSimulationAndRuns) {
  const std::string dir = testing::fresh_dir("scaling-perc");
  write_json(dir + "/percolation.json", Json{{"sigma", {0.5, 1.0}}, {"critical_lambda", {0.6, nullptr}}});
  std::vector<StudyRun> runs;
  for (const auto& [sigma, lam, acc] : std::vector<std::tuple<const char*, const char*, double>>{
           {"0.5", "0.4", 0.2}, {"0.5", "0.8", 1.0}, {"1", "0.2", 0.2}, {"1", "0.6", 1.0}})
    runs.push_back(run({{"sigma", sigma}, {"lambda", lam}}, {{"eval.all.joint", acc}, {"eval.all.count", 10}}));
  const auto s = percolation_summary(dir, runs);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_DOUBLE_EQ(s[0].critical_lambda, 0.6);
  EXPECT_TRUE(std::isnan(s[1].critical_lambda));
  EXPECT_NEAR(*s[0].lambda_60.x, 0.4 + 0.4 * 0.5, 1e-12);
  EXPECT_NEAR(*s[1].lambda_60.x, 0.2 + 0.4 * 0.5, 1e-12);
  const auto c = percolation_claims(s);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].verdict, Verdict::NotMeasured);  // one simulated sigma only
  EXPECT_EQ(c[1].verdict, Verdict::Holds);        // 0.6 then 0.4: falls with sigma (difference -0.2 -+ 0.18)
  EXPECT_EQ(c[2].verdict, Verdict::Holds);        // 0.6 - 0.6 -+ 0.13: within 0.15
  // sigma 0.5: Wilson of 2 / 10 and 10 / 10; the upper band 0.51 -> 1 crosses 0.6 first.
  ASSERT_TRUE(s[0].lambda_60_ci);
  const Interval lo = wilson_interval(2, 10), hi = wilson_interval(10, 10);
  EXPECT_NEAR(s[0].lambda_60_ci->lo, 0.4 + 0.4 * (0.6 - lo.hi) / (hi.hi - lo.hi), 1e-12);
  EXPECT_NEAR(s[0].lambda_60_ci->hi, 0.4 + 0.4 * (0.6 - lo.lo) / (hi.lo - lo.lo), 1e-12);
  EXPECT_TRUE(percolation_summary("", {}).empty());
}

// The simulation's interval from percolation.csv, and the trained trend failing or inconclusive.
TEST(Percolation, SimulatedBandsAndVerdicts) {
  const std::string dir = testing::fresh_dir("scaling-perc-bands");
  write_json(dir + "/percolation.json", Json{{"sigma", {0.5, 1.0}}, {"critical_lambda", {0.5, 0.3}}});
  // mean ratio 0.25 -> 0.75 between lambda 0.4 and 0.6 (sigma 0.5), 0.2 and 0.4 (sigma 1); sd 0.1, 100 trials.
  write_file_atomic(dir + "/percolation.csv",
                    "sigma,lambda,mean_ratio,std_ratio,trials\n0.5,0.4,0.25,0.1,100\n0.5,0.6,0.75,0.1,100\n"
                    "1,0.2,0.25,0.1,100\n1,0.4,0.75,0.1,100\n");
  std::vector<StudyRun> runs;  // trained: the wider sigma needs MORE data (fails), 200 conditions each
  for (const auto& [sigma, lam, acc] : std::vector<std::tuple<const char*, const char*, double>>{
           {"0.5", "0.1", 0.2}, {"0.5", "0.3", 1.0}, {"1", "0.5", 0.2}, {"1", "0.9", 1.0}})
    runs.push_back(run({{"sigma", sigma}, {"lambda", lam}}, {{"eval.all.joint", acc}, {"eval.all.count", 200}}));
  const auto s = percolation_summary(dir, runs);
  ASSERT_TRUE(s[0].critical_ci);
  const double half = student_t975(99) * 0.1 / 10;
  EXPECT_NEAR(s[0].critical_ci->lo, 0.4 + 0.2 * (0.5 - 0.25 - half) / 0.5, 1e-12);
  EXPECT_NEAR(s[0].critical_ci->hi, 0.4 + 0.2 * (0.5 - 0.25 + half) / 0.5, 1e-12);
  auto c = percolation_claims(s);
  EXPECT_EQ(c[0].verdict, Verdict::Holds);  // 0.5 -> 0.3, each -+ 0.008
  EXPECT_EQ(c[1].verdict, Verdict::Fails);  // lambda_60 0.2 -> 0.7
  EXPECT_EQ(c[2].verdict, Verdict::Fails);  // sigma 1: 0.7 vs 0.3
  EXPECT_NE(c[0].measured.find("sigma 0.5: 0.5 (95 % CI"), std::string::npos) << c[0].measured;
  // Ten conditions per point: the Wilson bands are wide and the trend straddles 0.
  runs.clear();
  for (const auto& [sigma, lam, acc] : std::vector<std::tuple<const char*, const char*, double>>{
           {"0.5", "0.2", 0.5}, {"0.5", "0.4", 0.7}, {"1", "0.2", 0.5}, {"1", "0.4", 0.8}})
    runs.push_back(run({{"sigma", sigma}, {"lambda", lam}}, {{"eval.all.joint", acc}, {"eval.all.count", 10}}));
  c = percolation_claims(percolation_summary(dir, runs));
  EXPECT_EQ(c[1].verdict, Verdict::Inconclusive) << c[1].measured;
  EXPECT_EQ(c[2].verdict, Verdict::Inconclusive) << c[2].measured;
}

}  // namespace
}  // namespace factorlab
