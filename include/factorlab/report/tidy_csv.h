// factorlab/report/tidy_csv.h — a figure's points as one tidy table, <name>.tidy.csv beside the
// figure's gnuplot data (<name>.csv, blocks per series for `index`) and script, so that pandas or R
// read every figure the same way (`pandas.read_csv("figures/loss.tidy.csv")`).
// Columns: figure, series, x, y, err, value; one row per point that the figure draws (the same
// points as its gnuplot data: finite, and positive on a log axis):
//   Lines, Histogram: x, y, err (the symmetric error bar; empty without one); a Band series gives
//     its midpoint as y and half its width as err, so y - err and y + err are its edges;
//   Bars: x = the group's category label, y = the bar's height;
//   Scatter: x, y and value (the point's colour value);
//   Heatmap: x = the column's category label, y = the row's label, value = the cell;
//   a dashed reference line (hlines): series = its legend text, x empty, y = its value.
// Deliberately not: styling (the .gp script has it) or a second copy of the gnuplot data format.
#pragma once
#include <string>

#include "factorlab/report/gnuplot.h"

namespace factorlab {

std::string tidy_csv(const Figure& figure);

}  // namespace factorlab
