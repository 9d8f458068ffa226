// tests/report/test_tidy_csv.cpp — the tidy table of a figure, read back with the report's own CSV
// parser: one row per drawn point with figure, series, x, y, err, value; the points a log axis
// cannot show are left out as in the gnuplot data; bars, heatmaps, bands and reference lines.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "factorlab/report/csv_table.h"
#include "factorlab/report/tidy_csv.h"

namespace factorlab {
namespace {

TEST(TidyCsv, LinesOneRowPerDrawnPointWithErrorsAndReferenceLines) {
  Figure f;
  f.name = "acc";
  f.log_y = true;
  Series a;
  a.title = "N = 8, bumps";  // a comma: quoted in the file, one cell when parsed
  a.x = {1, 2, 3};
  a.y = {0.5, -1, 0.75};  // -1 cannot go on the log axis
  a.err = {0.1, 0.1, std::nan("")};
  Series b;
  b.title = "no errors";
  b.x = {1};
  b.y = {2};
  f.series = {a, b};
  f.hlines = {{0.6, "60 %"}};
  const CsvTable t = parse_csv(tidy_csv(f), "acc.tidy.csv");
  ASSERT_EQ(t.columns, (std::vector<std::string>{"figure", "series", "x", "y", "err", "value"}));
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.text(0, "figure"), "acc");
  EXPECT_EQ(t.text(0, "series"), "N = 8, bumps");
  EXPECT_DOUBLE_EQ(t.number(0, "x"), 1);
  EXPECT_DOUBLE_EQ(t.number(0, "y"), 0.5);
  EXPECT_DOUBLE_EQ(t.number(0, "err"), 0.1);
  EXPECT_DOUBLE_EQ(t.number(1, "x"), 3);   // the point at y = -1 is not drawn, so not listed
  EXPECT_EQ(t.text(1, "err"), "");         // a NaN error bar is empty
  EXPECT_EQ(t.text(2, "series"), "no errors");
  EXPECT_EQ(t.text(2, "err"), "");
  EXPECT_EQ(t.text(3, "series"), "60 %");  // the reference line: no x
  EXPECT_EQ(t.text(3, "x"), "");
  EXPECT_DOUBLE_EQ(t.number(3, "y"), 0.6);
}

TEST(TidyCsv, BandIsMidpointPlusMinusHalfWidth) {
  Figure f;
  f.name = "band";
  Series s;
  s.style = SeriesStyle::Band;
  s.x = {0, 1};
  s.y = {1, 2};    // lower edges
  s.err = {3, 6};  // upper edges
  f.series = {s};
  const CsvTable t = parse_csv(tidy_csv(f), "band");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(t.number(1, "y"), 4);
  EXPECT_DOUBLE_EQ(t.number(1, "err"), 2);
}

TEST(TidyCsv, BarsAndHeatmapsUseTheirCategoryLabels) {
  Figure bars;
  bars.name = "bars";
  bars.kind = PlotKind::Bars;
  bars.categories = {"vertical band", "intersection"};
  Series x;
  x.title = "x accuracy";
  x.y = {0.9, std::nan("")};
  bars.series = {x};
  const CsvTable b = parse_csv(tidy_csv(bars), "bars");
  ASSERT_EQ(b.rows.size(), 1u);
  EXPECT_EQ(b.text(0, "x"), "vertical band");
  EXPECT_DOUBLE_EQ(b.number(0, "y"), 0.9);

  Figure heat;
  heat.name = "heat";
  heat.kind = PlotKind::Heatmap;
  heat.categories = {"50", "500"};
  heat.y_categories = {"out", "stem"};
  Series c;
  c.x = {0, 1, 1};
  c.y = {0, 0, 1};
  c.value = {1.5, std::nan(""), 4};  // the blank cell is not drawn
  heat.series = {c};
  const CsvTable h = parse_csv(tidy_csv(heat), "heat");
  ASSERT_EQ(h.rows.size(), 2u);
  EXPECT_EQ(h.text(1, "x"), "500");
  EXPECT_EQ(h.text(1, "y"), "stem");
  EXPECT_DOUBLE_EQ(h.number(1, "value"), 4);
}

TEST(TidyCsv, ScatterKeepsTheColourValue) {
  Figure f;
  f.name = "umap";
  f.kind = PlotKind::Scatter;
  Series s;
  s.x = {0.5, 1.5};
  s.y = {2, 3};
  s.value = {7, 8};
  f.series = {s};
  const CsvTable t = parse_csv(tidy_csv(f), "umap");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_DOUBLE_EQ(t.number(0, "x"), 0.5);
  EXPECT_DOUBLE_EQ(t.number(1, "value"), 8);
  EXPECT_EQ(t.text(0, "err"), "");
}

}  // namespace
}  // namespace factorlab
