// tests/report/test_run_report.cpp — the report of a synthetic run folder: every figure drawn and
// embedded, the claims decided, the page self-contained; and the same folder without gnuplot.
#include <gtest/gtest.h>

#include <filesystem>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/report/gnuplot.h"
#include "factorlab/report/run_report.h"
#include "synthetic.h"

namespace factorlab {
namespace {

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

TEST(RunReport, FullRunFolder) {
  if (find_gnuplot().empty()) GTEST_SKIP() << "gnuplot is not installed";
  set_log_level(LogLevel::Warn);
  const std::string run = testing::fresh_dir("run-full");
  testing::write_factorization_run(run);
  testing::write_track(run);
  const ReportOutcome out = write_run_report(run);
  EXPECT_TRUE(out.failures.empty()) << out.failures.front();
  // loss, accuracy_training, 4 tracked series, spectrum, 3 PCA pictures, 2 UMAP, 5 histograms,
  // persistence, and the one sample grid present.
  EXPECT_EQ(out.figures, 19);
  for (const char* f : {"loss", "accuracy_training", "track_accuracy", "track_dimension", "track_explained",
                        "track_betti", "pca_spectrum", "pca_start", "pca_middle", "pca_end", "umap_mu_x", "umap_mu_y",
                        "ortho_x_on_y", "ortho_x_on_x", "ortho_y_on_y", "parallel_x", "parallel_y", "persistence"}) {
    EXPECT_TRUE(file_exists(run + "/figures/" + f + ".png")) << f;
    EXPECT_TRUE(file_exists(run + "/figures/" + f + ".gp")) << f;
    EXPECT_TRUE(file_exists(run + "/figures/" + f + ".csv")) << f;
  }
  // The confidence band (persistence_band.csv, 2c = 0.4) shaded along the diagonal of the diagram.
  const std::string gp = read_file(run + "/figures/persistence.gp");
  EXPECT_NE(gp.find("with filledcurves"), std::string::npos);
  EXPECT_NE(gp.find("death - birth <= 0.4"), std::string::npos);
  const std::string html = read_file(out.html_path);
  EXPECT_EQ(out.html_path, run + "/report.html");
  EXPECT_EQ(count(html, "<img "), 19u);
  EXPECT_EQ(count(html, "src=\"data:image/png;base64,"), 19u);
  EXPECT_EQ(html.find("Figure not drawn"), std::string::npos);
  EXPECT_NE(html.find("factorlab run report: factorization"), std::string::npos);
  EXPECT_NE(html.find("name = &#39;factorization&#39;"), std::string::npos);  // config.toml, escaped
  EXPECT_NE(html.find("<td>train</td><td>120.00</td>"), std::string::npos);   // stage timings
  EXPECT_NE(html.find("<td>report</td><td></td><td></td><td>skipped</td>"), std::string::npos);
  // One seed, 10 conditions: the torus holds (Betti 1, 2, 1); accuracy 10 of 10 has a Wilson interval
  // reaching below 95 %, and the per-training quantities need seeds: inconclusive; no opposite-value
  // cosines in this run: hyper-factorization not measured.
  EXPECT_EQ(count(html, "<tr class=\"holds\">"), 1u);
  EXPECT_EQ(count(html, "<tr class=\"inconclusive\">"), 4u);
  EXPECT_EQ(count(html, "<tr class=\"na\">"), 1u);
  EXPECT_NE(html.find("preview.png: not available"), std::string::npos);  // named, not faked
  EXPECT_NE(html.find("<td>eval.all.joint</td><td>97.0 %</td>"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);
  EXPECT_GE(out.seconds, 0.0);
}

TEST(RunReport, WithoutGnuplotTheReportStillComes) {
  set_log_level(LogLevel::Error);
  const std::string run = testing::fresh_dir("run-nognuplot");
  testing::write_factorization_run(run);
  ReportOptions o;
  o.gnuplot = "/nonexistent/gnuplot";
  const ReportOutcome out = write_run_report(run, o);
  EXPECT_EQ(out.figures, 1);  // the sample grid needs no gnuplot
  EXPECT_EQ(out.failures.size(), 12u);  // loss, accuracy, spectrum, final PCA, 2 UMAP, 5 histograms, persistence
  const std::string html = read_file(out.html_path);
  EXPECT_NE(html.find("gnuplot was not found"), std::string::npos);
  EXPECT_NE(html.find("Figure not drawn: gnuplot is not installed"), std::string::npos);
  EXPECT_NE(html.find("no track.csv"), std::string::npos);
  EXPECT_EQ(count(html, "<img "), 1u);
}

TEST(RunReport, EmptyAndDamagedFolders) {
  set_log_level(LogLevel::Error);
  EXPECT_THROW(write_run_report("/nonexistent/run"), InputError);
  const std::string run = testing::fresh_dir("run-empty");
  write_file_atomic(run + "/track.csv", "step,participation_ratio\n1,2,3\n");  // ragged: costs only its figures
  const ReportOutcome out = write_run_report(run, ReportOptions{"/nonexistent/gnuplot"});
  const std::string html = read_file(out.html_path);
  EXPECT_NE(html.find("(no config.toml)"), std::string::npos);
  EXPECT_NE(html.find("tracked series: not available"), std::string::npos);
  EXPECT_EQ(count(html, "<tr class=\"na\">"), 6u);  // nothing measured, nothing invented
}

}  // namespace
}  // namespace factorlab
