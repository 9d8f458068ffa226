// tests/report/test_figure_set.cpp — groups of figures: drawn, failed (named with the reason) and
// missing (named, not counted as a failure), written in order.
#include <gtest/gtest.h>

#include "factorlab/core/fs.h"
#include "factorlab/core/image.h"
#include "factorlab/core/log.h"
#include "factorlab/report/figure_set.h"
#include "synthetic.h"

namespace factorlab {
namespace {

TEST(FigureSet, CountsDrawnFailedAndMissing) {
  set_log_level(LogLevel::Error);
  const std::string dir = testing::fresh_dir("figure-set");
  write_png(dir + "/grid.png", RgbImage(4, 4));
  FigureSet figs(dir + "/figures", "");  // no gnuplot
  figs.group("First", "intro text");
  Figure f;
  f.name = "line";
  f.title = "A line";
  f.series.push_back(Series{"s", {1, 2}, {3, 4}, {}, {}, SeriesStyle::Lines});
  figs.add(f, "caption");
  Figure empty;
  empty.name = "empty";
  empty.title = "Nothing";
  figs.add(empty, "no points");
  figs.group("Second");
  figs.add_png("Grid", dir + "/grid.png", "a sample grid");
  figs.add_png("Gone", dir + "/gone.png", "absent");
  EXPECT_EQ(figs.drawn(), 1);
  ASSERT_EQ(figs.failures().size(), 1u);
  EXPECT_EQ(figs.failures()[0].rfind("line: gnuplot is not installed", 0), 0u);
  HtmlDocument doc("t");
  figs.write(doc);
  const std::string page = doc.finish();
  EXPECT_LT(page.find("<h3>First</h3>"), page.find("<h3>Second</h3>"));
  EXPECT_NE(page.find("intro text"), std::string::npos);
  EXPECT_NE(page.find("Nothing: not available (no data in this folder)"), std::string::npos);
  EXPECT_NE(page.find("Gone: not available"), std::string::npos);
  EXPECT_NE(page.find("<img alt=\"Grid\" src=\"data:image/png;base64,"), std::string::npos);
}

}  // namespace
}  // namespace factorlab
