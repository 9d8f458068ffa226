// tests/report/test_claims.cpp — the claims of SPEC 8.1 and 8.2 on numbers chosen to make each one
// hold, fail, or be unmeasured.
#include <gtest/gtest.h>

#include "factorlab/report/claims.h"

namespace factorlab {
namespace {

Numbers factorized() {
  return {{"eval.all.joint", 0.97},
          {"probe.betti0", 1},
          {"probe.betti1", 2},
          {"probe.betti2", 1},
          {"probe.participation_ratio", 7.2},
          {"probe.model.x_on_y_mean", 0.1},
          {"probe.model.x_parallel_mean", 0.9},
          {"probe.model.y_parallel_mean", 0.8},
          {"probe.clifford_torus.x_on_y_mean", 0.0},
          {"probe.clifford_torus.x_parallel_mean", 1.0},
          {"probe.clifford_torus.y_parallel_mean", 1.0},
          {"probe.torus_3d.x_on_y_mean", 0.5},
          {"probe.torus_3d.x_parallel_mean", 0.3},
          {"probe.torus_3d.y_parallel_mean", 0.3}};
}

TEST(Claims, FactorizationHolds) {
  const auto c = factorization_claims(factorized(), {20, 9, 8.5});
  ASSERT_EQ(c.size(), 5u);
  for (const Claim& k : c) EXPECT_EQ(k.verdict, Verdict::Yes) << k.claim << ": " << k.measured;
  EXPECT_NE(c[0].measured.find("97.0 %"), std::string::npos);
  EXPECT_NE(c[1].measured.find("(1, 2, 1)"), std::string::npos);
}

TEST(Claims, FactorizationFailsAndNotMeasured) {
  Numbers n = factorized();
  n["eval.all.joint"] = 0.9;                    // below 0.95
  n["probe.betti1"] = 1;                        // a circle, not a torus
  n["probe.model.x_on_y_mean"] = 0.5;           // the 3D torus' statistics exactly
  n["probe.model.x_parallel_mean"] = 0.3;
  n["probe.model.y_parallel_mean"] = 0.3;
  n["probe.participation_ratio"] = 25;
  const auto c = factorization_claims(n, {20, 10, 5});  // last change 50 %
  for (const Claim& k : c) EXPECT_EQ(k.verdict, Verdict::No) << k.claim;
  const auto none = factorization_claims({}, {});
  for (const Claim& k : none) EXPECT_EQ(k.verdict, Verdict::NotMeasured) << k.claim;
  EXPECT_EQ(factorization_claims(factorized(), {8, 8})[4].verdict, Verdict::NotMeasured);  // < 3 checkpoints
}

StudyRun run(const std::string& name, std::map<std::string, std::string> labels, Numbers n) {
  StudyRun r;
  r.name = name;
  r.labels = std::move(labels);
  r.numbers = std::move(n);
  return r;
}

std::vector<StudyRun> compositional_runs(bool as_paper) {
  const double hi = 0.95, lo = 0.1;
  auto cross = [&](const std::string& set, double bx_x, double by_y, double inter) {
    return run("cross_" + set, {{"experiment", "cross"}, {"train_set", set}},
               {{"eval.band_x.x", bx_x}, {"eval.band_x.y", hi}, {"eval.band_x.joint", std::min(bx_x, hi)},
                {"eval.band_y.x", hi}, {"eval.band_y.y", by_y}, {"eval.band_y.joint", std::min(by_y, hi)},
                {"eval.intersection.joint", inter}});
  };
  std::vector<StudyRun> r = {cross("2d", as_paper ? lo : hi, as_paper ? lo : hi, 0.05), cross("1d", hi, hi, 0.8),
                             cross("union", hi, hi, as_paper ? 0.9 : 0.5), cross("1d_norim", hi, hi, 0.3)};
  // Two seeds at width 1: averaged.
  r.push_back(run("l1a", {{"experiment", "lesion"}, {"width", "1"}}, {{"eval.ood.joint", 0.9}}));
  r.push_back(run("l1b", {{"experiment", "lesion"}, {"width", "1"}}, {{"eval.ood.joint", 0.7}}));
  r.push_back(run("l8", {{"experiment", "lesion"}, {"width", "8"}}, {{"eval.holdout.joint", as_paper ? 0.2 : 0.9}}));
  for (const char* e : {"interior", "exterior"}) {
    r.push_back(run(std::string(e) + "2", {{"experiment", e}, {"width", "2"}}, {{"eval.ood.joint", 0.8}}));
    r.push_back(run(std::string(e) + "8", {{"experiment", e}, {"width", "8"}}, {{"eval.ood.joint", 0.3}}));
  }
  return r;
}

TEST(Claims, CompositionalAsInThePaper) {
  const auto runs = compositional_runs(true);
  EXPECT_DOUBLE_EQ(*mean_where(runs, {{"experiment", "lesion"}, {"width", "1"}}, "eval.ood.joint"), 0.8);
  EXPECT_DOUBLE_EQ(holdout_curve(runs, "lesion", "joint").at(1.0), 0.8);
  const auto c = compositional_claims(runs);
  ASSERT_EQ(c.size(), 6u);
  for (const Claim& k : c) EXPECT_EQ(k.verdict, Verdict::Yes) << k.claim << ": " << k.measured;
}

TEST(Claims, CompositionalOtherwise) {
  const auto c = compositional_claims(compositional_runs(false));
  EXPECT_EQ(c[0].verdict, Verdict::No);  // 2d model got the held-out coordinate right
  EXPECT_EQ(c[1].verdict, Verdict::No);  // union intersection 50 %
  EXPECT_EQ(c[4].verdict, Verdict::No);  // lesion 8 at 90 %
  for (const Claim& k : compositional_claims({})) EXPECT_EQ(k.verdict, Verdict::NotMeasured);
}

}  // namespace
}  // namespace factorlab
