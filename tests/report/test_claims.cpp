// tests/report/test_claims.cpp — the factorization and compositional claims on numbers chosen to make
// each one hold, fail, be inconclusive (the interval straddles the rule's bound), or be unmeasured;
// one seed and several seeds (pooled conditions, intervals over seeds).
#include <gtest/gtest.h>

#include "factorlab/report/claims.h"

namespace factorlab {
namespace {

enum Index { kAccuracy, kTorus, kFactorized, kDimension, kSettles, kHyper };

// One seed's numbers; `shift` moves the per-training quantities a little between seeds.
Numbers factorized(double shift = 0) {
  return {{"eval.all.joint", 1.0},
          {"eval.all.count", 1024},
          {"probe.betti0", 1},
          {"probe.betti1", 2},
          {"probe.betti2", 1},
          {"probe.band_2c", 0.05},
          {"probe.h1_persistence_1", 0.9},
          {"probe.h1_persistence_2", 0.8},
          {"probe.h1_persistence_3", 0.01},
          {"probe.participation_ratio", 7.2 + shift},
          {"probe.n_components_95", 8},
          {"probe.model.x_on_y_mean", 0.1 + shift / 10},
          {"probe.model.x_parallel_mean", 0.9},
          {"probe.model.y_parallel_mean", 0.8},
          {"probe.clifford_torus.x_on_y_mean", 0.0},
          {"probe.clifford_torus.x_parallel_mean", 1.0},
          {"probe.clifford_torus.y_parallel_mean", 1.0},
          {"probe.torus_3d.x_on_y_mean", 0.5},
          {"probe.torus_3d.x_parallel_mean", 0.3},
          {"probe.torus_3d.y_parallel_mean", 0.3},
          {"probe.model.x_opposite_mean", -0.05 + shift / 10},
          {"probe.model.x_opposite_std", 0.1},
          {"probe.model.x_opposite_count", 16},
          {"probe.model.y_opposite_mean", 0.02 - shift / 10},
          {"probe.model.y_opposite_std", 0.1},
          {"probe.model.y_opposite_count", 16},
          {"probe.model.x_curve_pr_mean", 9.5},
          {"probe.model.y_curve_pr_mean", 9.0},
          {"probe.clifford_torus.x_opposite_mean", -1.0},
          {"probe.clifford_torus.y_opposite_mean", -1.0},
          {"probe.clifford_torus.x_curve_pr_mean", 2.0},
          {"probe.torus_3d.x_opposite_mean", -0.98},
          {"probe.torus_3d.y_opposite_mean", -1.0}};
}

TEST(Claims, FactorizationHoldsOverThreeSeeds) {
  const auto c = factorization_claims(std::vector<Numbers>{factorized(-0.2), factorized(0), factorized(0.3)},
                                      {{20, 9, 8.6}, {20, 9, 8.5}, {18, 8, 8.2}});
  ASSERT_EQ(c.size(), 6u);
  for (const Claim& k : c) EXPECT_EQ(k.verdict, Verdict::Holds) << k.claim << ": " << k.measured;
  EXPECT_NE(c[kAccuracy].measured.find("3072 of 3072"), std::string::npos) << c[kAccuracy].measured;  // pooled
  EXPECT_NE(c[kAccuracy].measured.find("3 seeds"), std::string::npos);
  EXPECT_NE(c[kTorus].measured.find("run 3: Betti numbers (1, 2, 1) by the band rule (significant above 0.05 = 2c)"),
            std::string::npos) << c[kTorus].measured;
  EXPECT_NE(c[kDimension].measured.find("over 3 seeds (7, 7.2, 7.5)"), std::string::npos) << c[kDimension].measured;
  EXPECT_NE(c[kHyper].measured.find("Clifford torus x -1, y -1"), std::string::npos) << c[kHyper].measured;
  EXPECT_NE(c[kHyper].measured.find("planar circle 2"), std::string::npos);
}

TEST(Claims, FactorizationFails) {
  Numbers n = factorized();
  n["eval.all.joint"] = 0.5;           // 512 of 1024: far below 95 %
  n["probe.betti1"] = 3;               // three loops: structure a torus does not have
  n["probe.model.x_on_y_mean"] = 0.5;  // the 3D torus' statistics exactly
  n["probe.model.x_parallel_mean"] = 0.3;
  n["probe.model.y_parallel_mean"] = 0.3;
  n["probe.participation_ratio"] = 25;
  n["probe.model.x_opposite_mean"] = -0.95;  // a planar circle
  n["probe.model.y_opposite_mean"] = -0.9;
  Numbers m = n;
  m["probe.participation_ratio"] = 27;
  m["probe.model.x_on_y_mean"] = 0.45;
  const auto c = factorization_claims(std::vector<Numbers>{n, m}, {{20, 10, 5}, {20, 12, 6}});  // last changes 100 %, 100 %
  for (const Claim& k : c) EXPECT_EQ(k.verdict, Verdict::Fails) << k.claim << ": " << k.measured;
  EXPECT_NE(c[kTorus].measured.find("more significant loops or voids than a torus has"), std::string::npos);
}

// H0 is shown, not used: the bootstrap band does not calibrate a sample's spacing bars
// (docs/report.md), so extra components neither fail nor pass the claim; H1 and H2 decide.
TEST(Claims, TorusVerdictIsTakenOnH1AndH2) {
  Numbers n = factorized();
  n["probe.betti0"] = 6;
  const auto holds = factorization_claims(n, {20, 9, 8.5});
  EXPECT_EQ(holds[kTorus].verdict, Verdict::Holds) << holds[kTorus].measured;
  EXPECT_NE(holds[kTorus].measured.find("b0 = 6 is not used"), std::string::npos) << holds[kTorus].measured;
  n["probe.betti2"] = 0;
  EXPECT_EQ(factorization_claims(n, {20, 9, 8.5})[kTorus].verdict, Verdict::Inconclusive);
  n["probe.betti2"] = 2;
  EXPECT_EQ(factorization_claims(n, {20, 9, 8.5})[kTorus].verdict, Verdict::Fails);
}

TEST(Claims, FactorizationInconclusiveFromOneSeed) {
  Numbers n = factorized();
  n["eval.all.joint"] = 0.97;  // 10 of 10 after rounding: Wilson 72.2-100 % straddles 95 %
  n["eval.all.count"] = 10;
  n["probe.betti1"] = 1;       // the second loop is below the band
  n["probe.betti2"] = 0;
  n["probe.band_2c"] = 0.3;
  n["probe.h1_persistence_2"] = 0.2;
  n["probe.h2_persistence_1"] = 0.1;
  n["probe.pca_betti0"] = 1;  // the PCA reading differs: shown beside the band rule
  n["probe.pca_betti1"] = 2;
  n["probe.pca_betti2"] = 1;
  n["probe.model.x_opposite_mean"] = -0.5;  // straddles -0.5
  const auto c = factorization_claims(n, {20, 9, 8.5});
  for (const Claim& k : c) EXPECT_EQ(k.verdict, Verdict::Inconclusive) << k.claim << ": " << k.measured;
  EXPECT_NE(c[kAccuracy].measured.find("10 of 10, 95 % CI 72.2 .. 100.0 %"), std::string::npos) << c[kAccuracy].measured;
  EXPECT_NE(c[kTorus].measured.find("the band (0.3) is wider than the second H1 bar (0.2) and the largest H2 bar "
                                    "(0.1); more evidence needed"),
            std::string::npos)
      << c[kTorus].measured;
  EXPECT_NE(c[kTorus].measured.find("PCA reading (1, 2, 1)"), std::string::npos);
  EXPECT_NE(c[kDimension].measured.find("one seed: no interval"), std::string::npos);
  EXPECT_NE(c[kHyper].measured.find("over 16 curves"), std::string::npos) << c[kHyper].measured;
  // Seeds that disagree on the torus are inconclusive too.
  EXPECT_EQ(factorization_claims(std::vector<Numbers>{factorized(), n}, {{}, {}})[kTorus].verdict, Verdict::Inconclusive);
}

// The opposite-value cosines of one curve share its centre: the interval counts curves
// (x_curve_pr_count), not the pairs (x_opposite_count), when both are known.
TEST(Claims, HyperFactorizationIntervalCountsCurvesNotPairs) {
  Numbers n = factorized();
  n["probe.model.x_opposite_count"] = 128;
  n["probe.model.x_curve_pr_count"] = 16;
  const auto c = factorization_claims(n, {20, 9, 8.5});
  EXPECT_NE(c[kHyper].measured.find("x -0.05 (95 % CI"), std::string::npos) << c[kHyper].measured;
  EXPECT_NE(c[kHyper].measured.find("over 16 curves"), std::string::npos) << c[kHyper].measured;
  EXPECT_EQ(c[kHyper].measured.find("over 128 curves"), std::string::npos) << c[kHyper].measured;
}

TEST(Claims, FactorizationNotMeasured) {
  for (const Claim& k : factorization_claims(Numbers{}, {})) EXPECT_EQ(k.verdict, Verdict::NotMeasured) << k.claim;
  EXPECT_EQ(factorization_claims(factorized(), {8, 8})[kSettles].verdict, Verdict::NotMeasured);  // < 3 checkpoints
  Numbers no_cos = factorized();
  no_cos.erase("probe.model.y_opposite_mean");
  EXPECT_EQ(factorization_claims(no_cos, {})[kHyper].verdict, Verdict::NotMeasured);
  // No condition count: the accuracy is measured but has no interval.
  Numbers no_count = factorized();
  no_count.erase("eval.all.count");
  const auto c = factorization_claims(no_count, {});
  EXPECT_EQ(c[kAccuracy].verdict, Verdict::Inconclusive);
  EXPECT_NE(c[kAccuracy].measured.find("condition count missing"), std::string::npos);
}

StudyRun run(const std::string& name, std::map<std::string, std::string> labels, Numbers n) {
  StudyRun r;
  r.name = name;
  r.labels = std::move(labels);
  r.numbers = std::move(n);
  return r;
}

// A cross run: band accuracies out of 39 conditions each, the intersection out of 9.
StudyRun cross(const std::string& set, double bx_x, double bx_y, double by_x, double by_y, double inter,
               const std::string& seed = "0") {
  return run("cross_" + set + "_" + seed, {{"experiment", "cross"}, {"train_set", set}, {"seed", seed}},
             {{"eval.band_x.x", bx_x}, {"eval.band_x.y", bx_y}, {"eval.band_x.joint", std::min(bx_x, bx_y)},
              {"eval.band_x.count", 39}, {"eval.band_y.x", by_x}, {"eval.band_y.y", by_y},
              {"eval.band_y.joint", std::min(by_x, by_y)}, {"eval.band_y.count", 39},
              {"eval.intersection.joint", inter}, {"eval.intersection.count", 9}});
}

StudyRun holdout(const std::string& experiment, double width, double joint, double count, bool ood = true) {
  const std::string g = ood ? "eval.ood." : "eval.holdout.";
  return run(experiment + format_number(width), {{"experiment", experiment}, {"width", format_number(width)}},
             {{g + "joint", joint}, {g + "count", count}});
}

std::vector<StudyRun> as_in_the_paper() {
  std::vector<StudyRun> r = {cross("2d", 0, 1, 1, 0, 0), cross("1d", 1, 1, 1, 1, 8.0 / 9),
                             cross("1d_norim", 1, 1, 1, 1, 1.0 / 9)};
  for (const char* seed : {"0", "1", "2"}) r.push_back(cross("union", 1, 1, 1, 1, 1, seed));  // 27 of 27
  r.push_back(holdout("lesion", 1, 22.0 / 24, 12));
  r.push_back(holdout("lesion", 1, 22.0 / 24, 12, false));  // pooled with the first: eval.holdout counts too
  r.push_back(holdout("lesion", 8, 2.0 / 24, 24));
  for (const char* e : {"interior", "exterior"}) {
    r.push_back(holdout(e, 2, 1.0, 16));
    r.push_back(holdout(e, 8, 0.3, 64));
  }
  return r;
}

TEST(Claims, CompositionalHoldsAsInThePaper) {
  const auto runs = as_in_the_paper();
  EXPECT_DOUBLE_EQ(*mean_where(runs, {{"experiment", "cross"}, {"train_set", "union"}}, "eval.intersection.joint"), 1.0);
  const auto pools = holdout_pools(runs, "lesion", "joint");
  EXPECT_EQ(pools.at(1.0).n, 24);  // two runs of 12 at width 1
  EXPECT_EQ(pools.at(1.0).successes, 22);
  const auto c = compositional_claims(runs);
  ASSERT_EQ(c.size(), 6u);
  for (const Claim& k : c) EXPECT_EQ(k.verdict, Verdict::Holds) << k.claim << ": " << k.measured;
  EXPECT_NE(c[1].measured.find("intersection 100.0 % (27 of 27"), std::string::npos) << c[1].measured;
}

TEST(Claims, CompositionalFails) {
  std::vector<StudyRun> r = {cross("2d", 1, 1, 1, 0, 1), cross("1d", 1, 1, 1, 1, 0), cross("1d_norim", 1, 1, 1, 1, 1)};
  for (const char* seed : {"0", "1", "2"}) r.push_back(cross("union", 1, 1, 1, 1, 2.0 / 9, seed));
  r.push_back(holdout("lesion", 1, 2.0 / 24, 24));
  r.push_back(holdout("lesion", 8, 1.0, 24));
  for (const char* e : {"interior", "exterior"}) {
    r.push_back(holdout(e, 2, 0.0, 16));
    r.push_back(holdout(e, 8, 1.0, 64));
  }
  const auto c = compositional_claims(r);
  for (const Claim& k : c) EXPECT_EQ(k.verdict, Verdict::Fails) << k.claim << ": " << k.measured;
}

// The CPU-scale measurement of the README: 6 of 9 in the union's intersection, 1 of 9 against 0 of 9.
TEST(Claims, CompositionalInconclusiveOnSmallCounts) {
  std::vector<StudyRun> r = {cross("2d", 0, 38.0 / 39, 1, 17.0 / 39, 0), cross("1d", 1, 1, 1, 1, 1.0 / 9),
                             cross("1d_norim", 1, 1, 1, 1, 0), cross("union", 38.0 / 39, 1, 1, 1, 6.0 / 9)};
  r.push_back(holdout("lesion", 1, 0.625, 24));
  r.push_back(holdout("lesion", 8, 10.0 / 24, 24));
  for (const char* e : {"interior", "exterior"}) {
    r.push_back(holdout(e, 2, 0.75, 16));
    r.push_back(holdout(e, 8, 0.65, 64));
  }
  const auto c = compositional_claims(r);
  for (const Claim& k : c) EXPECT_EQ(k.verdict, Verdict::Inconclusive) << k.claim << ": " << k.measured;
  EXPECT_NE(c[1].measured.find("intersection 66.7 % (6 of 9, 95 % CI 35.4 .. 87.9 %)"), std::string::npos) << c[1].measured;
  EXPECT_NE(c[2].measured.find("1d - 2d 95 % CI -20.2 .. 43.5 %"), std::string::npos) << c[2].measured;
}

TEST(Claims, CompositionalNotMeasured) {
  for (const Claim& k : compositional_claims({})) EXPECT_EQ(k.verdict, Verdict::NotMeasured) << k.claim;
  // Accuracies without condition counts are measured, but have no interval.
  auto r = as_in_the_paper();
  for (auto& x : r)
    for (auto it = x.numbers.begin(); it != x.numbers.end();)
      it = it->first.size() > 6 && it->first.compare(it->first.size() - 6, 6, ".count") == 0 ? x.numbers.erase(it) : std::next(it);
  for (const Claim& k : compositional_claims(r)) EXPECT_EQ(k.verdict, Verdict::Inconclusive) << k.claim;
}

}  // namespace
}  // namespace factorlab
