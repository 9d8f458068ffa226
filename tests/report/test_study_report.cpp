// tests/report/test_study_report.cpp — study reports of every kind from synthetic study folders.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/report/gnuplot.h"
#include "factorlab/report/report.h"
#include "factorlab/report/study_report.h"
#include "synthetic.h"

namespace factorlab {
namespace {

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

class StudyReport : public ::testing::Test {
 protected:
  void SetUp() override {
    if (find_gnuplot().empty()) GTEST_SKIP() << "gnuplot is not installed";
    set_log_level(LogLevel::Warn);
  }
};

TEST_F(StudyReport, Compositional) {
  const std::string dir = testing::fresh_dir("study-compositional");
  std::vector<testing::SynthRun> runs;
  for (const char* set : {"2d", "1d", "union", "1d_norim"})
    runs.push_back({std::string("cross_") + set, {{"experiment", "cross"}, {"train_set", set}},
                    {{"eval.band_x.x", 0.2}, {"eval.band_x.y", 0.9}, {"eval.band_x.joint", 0.2},
                     {"eval.band_y.x", 0.9}, {"eval.band_y.y", 0.1}, {"eval.band_y.joint", 0.1},
                     {"eval.intersection.joint", 0.05}, {"time.train", 10.0}}});
  for (double w : {1.0, 3.5, 8.0})
    runs.push_back({"lesion_" + format_number(w), {{"experiment", "lesion"}, {"width", w}},
                    {{"eval.ood.x", 1 - w / 10}, {"eval.ood.y", 0.95}, {"eval.ood.joint", 1 - w / 10}}});
  testing::write_study(dir, "compositional", runs);
  const ReportOutcome out = write_report(dir);
  EXPECT_TRUE(out.failures.empty()) << out.failures.front();
  EXPECT_EQ(out.figures, 5);  // 4 training sets and the lesion curve; no square-holdout runs
  EXPECT_NE(read_file(out.html_path).find("OOD accuracy vs held-out block size W: not available"), std::string::npos);
  const std::string html = read_file(out.html_path);
  EXPECT_NE(html.find("factorlab study report: compositional-test (compositional)"), std::string::npos);
  EXPECT_EQ(count(html, "src=\"data:image/png;base64,"), static_cast<std::size_t>(out.figures));
  EXPECT_NE(html.find("train.steps=10"), std::string::npos);  // the runs' overrides
  EXPECT_NE(html.find("<th>verdict</th>"), std::string::npos);
  EXPECT_TRUE(file_exists(dir + "/figures/cross_union.png"));
  EXPECT_TRUE(file_exists(dir + "/figures/lesion.png"));
}

// The width axes name the unit of holdout.w, read from the runs' resolved config.toml.
TEST_F(StudyReport, HoldoutWidthAxesNameTheConfiguredUnits) {
  const std::string dir = testing::fresh_dir("study-holdout-units");
  std::vector<testing::SynthRun> runs;
  for (const char* exp : {"interior", "exterior"})
    for (double w : {0.25, 0.5})
      runs.push_back({std::string(exp) + "_" + format_number(w), {{"experiment", exp}, {"width", w}},
                      {{"eval.ood.joint", 1 - w}}});
  for (double w : {1.0, 8.0})
    runs.push_back({"lesion_" + format_number(w), {{"experiment", "lesion"}, {"width", w}},
                    {{"eval.ood.x", 0.5}, {"eval.ood.y", 0.9}, {"eval.ood.joint", 0.5}}});
  testing::write_study(dir, "compositional", runs);
  auto config = [](const std::string& units) {
    return "[data]\nN = 16\n\n[[data.parts]]\nname = 'test'\n[data.parts.holdout]\ntype = 'none'\nunits = "
           "'pixels'\n\n[[data.parts]]\nname = 'train'\n[data.parts.holdout]\ntype = 'square_interior'\nunits = '" +
           units + "'\nw = 0.25\n";
  };
  for (const auto& r : runs)
    write_file_atomic(dir + "/runs/" + r.name + "/config.toml", config(r.name[0] == 'l' ? "pixels" : "fraction"));
  ASSERT_TRUE(write_report(dir).failures.empty());
  EXPECT_NE(read_file(dir + "/figures/holdout_square.gp").find("W (fraction of N)"), std::string::npos);
  EXPECT_NE(read_file(dir + "/figures/lesion.gp").find("lesion width (pixels)"), std::string::npos);

  // Runs that disagree on the unit (or have no readable config) get an axis without one.
  write_file_atomic(dir + "/runs/exterior_0.5/config.toml", config("pixels"));
  std::filesystem::remove(dir + "/runs/lesion_8/config.toml");
  ASSERT_TRUE(write_report(dir).failures.empty());
  const std::string square = read_file(dir + "/figures/holdout_square.gp");
  EXPECT_EQ(square.find("W (fraction of N)"), std::string::npos);
  EXPECT_NE(square.find("'W'"), std::string::npos) << square;
  EXPECT_EQ(read_file(dir + "/figures/lesion.gp").find("(pixels)"), std::string::npos);
}

TEST_F(StudyReport, DataEfficiency) {
  const std::string dir = testing::fresh_dir("study-efficiency");
  std::vector<testing::SynthRun> runs;
  for (const auto& [dataset, b] : {std::pair<std::string, double>{"bumps", 2.0}, {"bumps+stripes", 1.0}})
    for (double N : {8.0, 16.0})
      for (double f : {0.25, 0.5, 1.0}) {
        const double n = f * 4 * std::pow(N, b);
        runs.push_back({dataset + format_number(N) + "_" + format_number(f),
                        {{"dataset", dataset}, {"N", N}, {"fraction", f}, {"n_train", n}},
                        {{"eval.all.joint", f}}});
      }
  testing::write_study(dir, "data_efficiency", runs);
  const ReportOutcome out = write_report(dir);
  EXPECT_TRUE(out.failures.empty()) << out.failures.front();
  EXPECT_EQ(out.figures, 3);
  const std::string html = read_file(out.html_path);
  EXPECT_NE(html.find("b = 2"), std::string::npos);  // the bumps exponent in the claims table
  // Two N values from one seed: exponents without an interval, so every claim is inconclusive.
  EXPECT_EQ(count(html, "<tr class=\"inconclusive\">"), 3u);
  const std::string script = read_file(dir + "/figures/efficiency_scaling.gp");
  EXPECT_NE(script.find("set logscale x"), std::string::npos);
  EXPECT_NE(script.find("set logscale y"), std::string::npos);
}

TEST_F(StudyReport, PercolationSideBySide) {
  const std::string dir = testing::fresh_dir("study-percolation");
  make_dirs(dir + "/percolation");
  write_file_atomic(dir + "/percolation/percolation.csv",
                    "sigma,lambda,mean_ratio,std_ratio,mean_kept,trials,mean_largest,span_prob\n"
                    "0.5,0.2,0.1,0.05,10,5,1,0\n0.5,0.8,0.9,0.05,40,5,36,1\n1,0.2,0.3,0.05,10,5,3,0\n1,0.8,1,0,40,5,40,1\n");
  write_json(dir + "/percolation/percolation.json", Json{{"sigma", {0.5, 1.0}}, {"critical_lambda", {0.5, 0.3}}});
  std::vector<testing::SynthRun> runs;
  for (double sigma : {0.5, 1.0})
    for (double lambda : {0.2, 0.8})
      runs.push_back({"s" + format_number(sigma) + "_l" + format_number(lambda), {{"sigma", sigma}, {"lambda", lambda}},
                      {{"eval.all.joint", lambda > 0.5 ? 0.95 : 0.1}}});
  testing::write_study(dir, "percolation", runs, "percolation");
  const ReportOutcome out = write_report(dir);
  EXPECT_TRUE(out.failures.empty()) << out.failures.front();
  EXPECT_EQ(out.figures, 2);
  const std::string html = read_file(out.html_path);
  EXPECT_NE(html.find("<div class=\"figrow\">\n<figure>\n<img alt=\"Simulation"), std::string::npos);
  EXPECT_EQ(count(html, "<img "), 2u);
  EXPECT_NE(html.find("critical lambda (largest-cluster ratio 0.5): sigma 0.5: 0.5 (95 % CI "), std::string::npos);
}

// One run replicated over seeds (`factorlab run CONFIG --seeds 3`): the factorization claims pool them.
TEST_F(StudyReport, FactorizationSeedsArePooled) {
  const std::string dir = testing::fresh_dir("study-factorization");
  std::vector<testing::SynthRun> runs;
  for (int seed = 0; seed < 3; ++seed)
    runs.push_back({"default_seed" + std::to_string(seed), {{"seed", seed}},
                    {{"eval.all.joint", 1.0}, {"eval.all.count", 256}, {"probe.participation_ratio", 6.0 + seed / 2.0},
                     {"probe.betti0", 1}, {"probe.betti1", 2}, {"probe.betti2", 1}}});
  testing::write_study(dir, "factorization", runs);
  const ReportOutcome out = write_study_report(dir);
  EXPECT_EQ(out.figures, 1);  // joint accuracy per run
  const std::string html = read_file(out.html_path);
  EXPECT_NE(html.find("768 of 768"), std::string::npos);  // the accuracy pools the three seeds
  EXPECT_NE(html.find("over 3 seeds (6, 6.5, 7)"), std::string::npos);
  EXPECT_EQ(count(html, "<tr class=\"holds\">"), 3u);  // accuracy, torus, low dimension
}

TEST_F(StudyReport, Sweep) {
  const std::string dir = testing::fresh_dir("study-sweep");
  testing::write_study(dir, "sweep", {{"a", {{"lr", 0.1}}, {{"eval.all.joint", 0.5}}}, {"b", {{"lr", 0.2}}, {{"eval.all.joint", 0.7}}}});
  const ReportOutcome out = write_study_report(dir);
  EXPECT_EQ(out.figures, 1);
  EXPECT_NE(read_file(out.html_path).find("A sweep has no claim of the paper attached"), std::string::npos);
}

}  // namespace
}  // namespace factorlab
