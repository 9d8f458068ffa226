// tests/report/test_gnuplot.cpp — the figure files: data filtering, the script, a real render
// (skipped without gnuplot), and the failures a report must survive (no gnuplot, gnuplot errors,
// no data), none of which throws.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "factorlab/core/fs.h"
#include "factorlab/report/gnuplot.h"

namespace factorlab {
namespace {

std::string fresh(const std::string& name) {
  const std::string dir = std::string(FACTORLAB_BINARY_DIR) + "/test-report-gnuplot-" + name;
  std::filesystem::remove_all(dir);
  make_dirs(dir);
  return dir;
}

Figure lines_figure() {
  Figure f;
  f.name = "demo";
  f.title = "It's a title";
  f.xlabel = "N";
  f.ylabel = "size";
  f.log_x = f.log_y = true;
  Series a;
  a.title = "bumps";
  a.x = {8, 16, 0, 32};
  a.y = {10, 40, 5, -1};  // x = 0 and y = -1 cannot go on log axes
  Series b;
  b.title = "stripes";
  b.x = {8, 16};
  b.y = {5, 10};
  b.style = SeriesStyle::Points;
  f.series = {a, b};
  f.hlines = {{20, "target"}};
  return f;
}

TEST(Gnuplot, PaletteIsOkabeIto) {
  const auto& p = okabe_ito_palette();
  ASSERT_EQ(p.size(), 8u);
  EXPECT_EQ(p[0], "#0072B2");  // blue
  EXPECT_EQ(p[1], "#D55E00");  // vermillion
  EXPECT_EQ(p.back(), "#000000");
}

TEST(Gnuplot, DataDropsPointsALogAxisCannotShow) {
  const std::string d = gnuplot_data(lines_figure());
  EXPECT_NE(d.find("8,10\n16,40\n"), std::string::npos) << d;
  EXPECT_EQ(d.find("0,5"), std::string::npos);
  EXPECT_EQ(d.find("32,-1"), std::string::npos);
  EXPECT_NE(d.find("\n\n\n# series: stripes"), std::string::npos);  // blocks separated for `index`
}

TEST(Gnuplot, ScriptHasTerminalPaletteAxesAndQuotedText) {
  const std::string s = gnuplot_script(lines_figure(), "demo.csv", "demo.png.tmp.1");
  EXPECT_NE(s.find("set terminal pngcairo"), std::string::npos);
  EXPECT_NE(s.find("set output 'demo.png.tmp.1'"), std::string::npos);
  EXPECT_NE(s.find("set logscale x"), std::string::npos);
  EXPECT_NE(s.find("set logscale y"), std::string::npos);
  EXPECT_NE(s.find("set title 'It''s a title'"), std::string::npos);  // gnuplot's quote doubling
  EXPECT_NE(s.find("lc rgb '#0072B2'"), std::string::npos);
  EXPECT_NE(s.find("index 0 using 1:2 with linespoints lt 1 title 'bumps'"), std::string::npos);
  EXPECT_NE(s.find("index 1 using 1:2 with points lt 2 title 'stripes'"), std::string::npos);
  EXPECT_NE(s.find("20 with lines dt 2"), std::string::npos);
}

TEST(Gnuplot, BarsWriteOneColumnPerSeries) {
  Figure f;
  f.name = "bars";
  f.kind = PlotKind::Bars;
  f.categories = {"vertical band", "intersection"};
  Series x, j;
  x.title = "x accuracy";
  x.y = {0.9, 0.8};
  j.title = "joint accuracy";
  j.y = {0.5, std::nan("")};
  f.series = {x, j};
  EXPECT_EQ(gnuplot_data(f), "# category,x accuracy,joint accuracy\nvertical band,0.9,0.5\nintersection,0.8,\n");
  const std::string s = gnuplot_script(f, "bars.csv", "bars.png.tmp");
  EXPECT_NE(s.find("using 2:xtic(1) title 'x accuracy'"), std::string::npos);
  EXPECT_NE(s.find("'' using 3 title 'joint accuracy'"), std::string::npos);
}

TEST(Gnuplot, RendersAPngAtomically) {
  const std::string gp = find_gnuplot();
  if (gp.empty()) GTEST_SKIP() << "gnuplot is not installed";
  const std::string dir = fresh("render");
  for (PlotKind kind : {PlotKind::Lines, PlotKind::Histogram, PlotKind::Scatter}) {
    Figure f = lines_figure();
    f.kind = kind;
    f.log_x = f.log_y = false;
    f.bin_width = 4;
    f.series[0].value = {0, 1, 2, 3};
    f.series[1].value = {4, 5};
    f.name = "kind" + std::to_string(static_cast<int>(kind));
    const FigureResult r = render_figure(f, dir, gp);
    ASSERT_TRUE(r.ok) << r.error;
    const std::string png = read_file(r.png_path);
    ASSERT_GT(png.size(), 1000u);
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  }
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const std::string n = e.path().filename().string();
    EXPECT_EQ(n.find(".tmp."), std::string::npos) << n;  // no temporary left
    EXPECT_EQ(n.find(".log"), std::string::npos) << n;   // gnuplot's log removed on success
  }
}

// --format png,pdf,svg: one gnuplot run draws all three; each file starts with its format's magic,
// the tidy CSV lies beside the script, and no temporary is left.
TEST(Gnuplot, RendersPdfAndSvgBesideThePng) {
  const std::string gp = find_gnuplot();
  if (gp.empty()) GTEST_SKIP() << "gnuplot is not installed";
  const std::string dir = fresh("formats");
  Figure f = lines_figure();
  f.name = "tiny";
  const FigureResult r = render_figure(f, dir, gp, {FigureFormat::Png, FigureFormat::Pdf, FigureFormat::Svg});
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.paths, (std::vector<std::string>{dir + "/tiny.png", dir + "/tiny.pdf", dir + "/tiny.svg"}));
  EXPECT_EQ(read_file(dir + "/tiny.png").substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(read_file(dir + "/tiny.pdf").substr(0, 5), "%PDF-");
  const std::string svg = read_file(dir + "/tiny.svg");
  // An XML declaration, then the <svg element.
  ASSERT_EQ(svg.rfind("<?xml", 0), 0u) << svg.substr(0, 80);
  const std::size_t body = svg.find_first_not_of(" \n", svg.find("?>") + 2);
  EXPECT_EQ(svg.compare(body, 4, "<svg"), 0) << svg.substr(0, 120);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_TRUE(file_exists(dir + "/tiny.tidy.csv"));
  EXPECT_NE(read_file(dir + "/tiny.gp").find("set terminal pdfcairo"), std::string::npos);
  for (const auto& e : std::filesystem::directory_iterator(dir))
    EXPECT_EQ(e.path().filename().string().find(".tmp."), std::string::npos) << e.path();
  // PNG only (the default): no PDF or SVG.
  const std::string png_only = fresh("png_only");
  ASSERT_TRUE(render_figure(f, png_only, gp).ok);
  EXPECT_FALSE(file_exists(png_only + "/tiny.pdf"));
  EXPECT_FALSE(file_exists(png_only + "/tiny.svg"));
}

// A 2 x 3 heatmap with one blank cell: the data keeps the 5 finite cells (x, y, value), the script
// labels the axes by category, takes the colour range from the values and draws a box per cell.
Figure heatmap_figure() {
  Figure f;
  f.name = "heat";
  f.kind = PlotKind::Heatmap;
  f.categories = {"50", "500", "950"};
  f.y_categories = {"out", "stem"};
  Series s;
  s.x = {0, 1, 2, 0, 1, 2};
  s.y = {0, 0, 0, 1, 1, 1};
  s.value = {1.5, 2, 2.5, std::nan(""), 3, 4};
  f.series = {s};
  return f;
}

TEST(Gnuplot, HeatmapCellsTicsAndColourRange) {
  Figure f = heatmap_figure();
  const std::string d = gnuplot_data(f);
  EXPECT_NE(d.find("# x,y,value\n0,0,1.5\n1,0,2\n2,0,2.5\n1,1,3\n2,1,4\n"), std::string::npos) << d;
  const std::string s = gnuplot_script(f, "heat.csv", "heat.png.tmp");
  EXPECT_NE(s.find("set xtics ('50' 0, '500' 1, '950' 2)"), std::string::npos) << s;
  EXPECT_NE(s.find("set ytics ('out' 0, 'stem' 1)"), std::string::npos) << s;
  EXPECT_NE(s.find("set xrange [-0.5:2.5]"), std::string::npos) << s;
  EXPECT_NE(s.find("set yrange [-0.5:1.5]"), std::string::npos) << s;
  EXPECT_NE(s.find("set cbrange [1.5:4]"), std::string::npos) << s;  // the values' own range
  EXPECT_NE(s.find("with boxxyerror fc palette"), std::string::npos) << s;
  EXPECT_NE(s.find("with labels tc rgb variable"), std::string::npos) << s;
  f.colour_min = -1;
  f.colour_max = 1;
  EXPECT_NE(gnuplot_script(f, "heat.csv", "heat.png.tmp").find("set cbrange [-1:1]"), std::string::npos);
  f.series[0].value = {std::nan(""), std::nan(""), std::nan(""), std::nan(""), std::nan(""), std::nan("")};
  EXPECT_FALSE(has_data(f));  // every cell blank: nothing to draw
  const std::string gp = find_gnuplot();
  if (gp.empty()) GTEST_SKIP() << "gnuplot is not installed";
  const FigureResult r = render_figure(heatmap_figure(), fresh("heatmap"), gp);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(read_file(r.png_path).substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST(Gnuplot, MissingGnuplotIsAResultNotAnException) {
  EXPECT_EQ(find_gnuplot("/nonexistent/gnuplot"), "");
  EXPECT_EQ(find_gnuplot("no-such-program-factorlab"), "");
  const std::string dir = fresh("missing");
  const FigureResult r = render_figure(lines_figure(), dir, "");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("gnuplot is not installed"), std::string::npos);
  EXPECT_TRUE(file_exists(dir + "/demo.csv"));  // the data and script are still there to use
  EXPECT_TRUE(file_exists(dir + "/demo.gp"));
  EXPECT_FALSE(file_exists(dir + "/demo.png"));
}

TEST(Gnuplot, AFailingProgramAndEmptyDataAreReported) {
  const std::string dir = fresh("fail");
  const std::string falsy = find_gnuplot("false");  // exits 1, writes nothing
  if (falsy.empty()) GTEST_SKIP() << "no `false` program";
  const FigureResult r = render_figure(lines_figure(), dir, falsy);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("gnuplot failed"), std::string::npos) << r.error;
  EXPECT_FALSE(file_exists(dir + "/demo.png"));

  Figure empty;
  empty.name = "empty";
  empty.series.push_back(Series{});
  EXPECT_EQ(render_figure(empty, dir, falsy).error, "no data to plot");
  Figure bad = lines_figure();
  bad.name = "../escape";
  EXPECT_FALSE(render_figure(bad, dir, falsy).ok);
}

TEST(Gnuplot, GnuplotSyntaxErrorIsQuoted) {
  const std::string gp = find_gnuplot();
  if (gp.empty()) GTEST_SKIP() << "gnuplot is not installed";
  const std::string dir = fresh("syntax");
  Figure f = lines_figure();
  f.width = -5;  // an invalid terminal size: gnuplot refuses the script
  const FigureResult r = render_figure(f, dir, gp);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("gnuplot failed"), std::string::npos) << r.error;
}

}  // namespace
}  // namespace factorlab
