// factorlab/report/gnuplot.h — one figure = one data file (CSV) + one gnuplot script in a figures/
// folder, rendered by the `gnuplot` program to <name>.png (pngcairo) and, when asked, <name>.pdf and
// <name>.svg (figure_format.h). Each drawing is written to a temporary name and renamed, so a failed or
// interrupted figure never leaves a half file, and the .csv / .gp stay next to it so a reader can
// restyle any figure by editing its script; <name>.tidy.csv has the same points as one tidy table
// (tidy_csv.h).
// Colours: the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design") for series, a
// viridis-like sequential palette for values; every series also differs in point type.
// Deliberately not a plotting library: five plot kinds, the ones the report needs, and a failure is
// returned (FigureResult), never thrown, so one bad figure cannot stop a report.
#pragma once
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "factorlab/report/figure_format.h"

namespace factorlab {

enum class PlotKind {
  Lines,      // several (x, y) series: lines with points, lines, or points; optional error bars
  Bars,       // grouped bars: one group per category, one bar per series (series[k].y[group])
  Histogram,  // overlaid histograms: x = bin centres, y = heights, boxes of width bin_width
  Scatter,    // one or more point clouds coloured by `value` (a colour bar shows the scale)
  Heatmap,    // a table of cells coloured by value, each labelled with its value: series[0].x = column
              // index into categories, .y = row index into y_categories, .value = the cell (NaN: blank)
};
// Band (Lines plots only): a shaded strip between y (lower edge) and err (upper edge), drawn with
// transparency so the series after it stay visible.
enum class SeriesStyle { LinesPoints, Lines, Points, Band };

struct Series {
  std::string title;  // the legend entry; "" = no entry
  std::vector<double> x, y;
  std::vector<double> err;    // Lines: symmetric y error bars, empty or one per point (Band: the upper edge)
  std::vector<double> value;  // Scatter: one colour value per point
  SeriesStyle style = SeriesStyle::LinesPoints;
};

struct Figure {
  static constexpr double kAuto = std::numeric_limits<double>::quiet_NaN();
  std::string name;  // file stem inside the figures folder: letters, digits, '_' and '-' only
  std::string title, xlabel, ylabel, colour_label;
  PlotKind kind = PlotKind::Lines;
  std::vector<Series> series;
  std::vector<std::string> categories;  // Bars: one label per group; Heatmap: one per column
  std::vector<std::string> y_categories;  // Heatmap: one label per row (row 0 at the bottom)
  std::vector<std::pair<double, std::string>> hlines;  // dashed reference lines y = value (legend text)
  bool log_x = false, log_y = false;
  bool equal_axes = false;  // Scatter of an embedding: one unit is as long on x as on y
  double x_min = kAuto, x_max = kAuto, y_min = kAuto, y_max = kAuto;
  double bin_width = 0;  // Histogram
  double colour_min = kAuto, colour_max = kAuto;  // Scatter, Heatmap: the colour bar's range
  int width = 820, height = 520;  // pixels
};

struct FigureResult {
  std::string name;
  std::string png_path;  // set when ok
  std::vector<std::string> paths;  // when ok: every file drawn, in the order of the formats asked (PNG first)
  bool ok = false;
  std::string error;     // why it failed: no gnuplot, no data, gnuplot's own message
};

// The Okabe-Ito colours in the order series use them (black last), as "#RRGGBB".
const std::vector<std::string>& okabe_ito_palette();

// The gnuplot program to use: `requested` when it is non-empty (a path, or a name looked up on
// PATH), else "gnuplot" on PATH. "" when it is not found or not executable.
std::string find_gnuplot(const std::string& requested = "");

// The data file and the script of a figure, as text (pure functions; render_figure writes them).
// gnuplot_data drops points that are not finite, and non-positive values on a log axis.
std::string gnuplot_data(const Figure& figure);
// more: further drawings of the same plot after the PNG (format, output file), each by `replot`.
std::string gnuplot_script(const Figure& figure, const std::string& data_file, const std::string& png_file,
                           const std::vector<std::pair<FigureFormat, std::string>>& more = {});

// True when point i of series s is drawn, i.e. kept by gnuplot_data (Bars: y[i] of group i).
bool plotted_point(const Figure& figure, const Series& s, std::size_t i);

// True when the figure has at least one point to draw (after gnuplot_data's filter).
bool has_data(const Figure& figure);

// Writes <dir>/<name>.csv, <name>.tidy.csv and <name>.gp (atomically), runs `gnuplot` (a path from
// find_gnuplot; "" = not available) in dir and renames its outputs to <dir>/<name>.png and
// <name>.<ext> for every other format asked (the PNG is always drawn). Never throws for a figure that
// cannot be drawn: the result says why, and no drawing of a failed figure is left.
FigureResult render_figure(const Figure& figure, const std::string& dir, const std::string& gnuplot,
                           const std::vector<FigureFormat>& formats = {FigureFormat::Png});

}  // namespace factorlab
