// factorlab/report/figure_format.h — the file formats a gnuplot figure is drawn in (`factorlab report
// --format png,pdf,svg`), each by one of gnuplot's terminals: pngcairo (raster, embedded in
// report.html), pdfcairo and svg (vector, for papers). PNG is always drawn, because the report page
// embeds it; the other formats are extra files next to it.
// Sizes: a figure's width x height in pixels is the PNG's and the SVG's size; the PDF is the same
// figure at 128 pixels per inch (820 x 520 px -> 6.4 x 4.06 in), with the same fonts in points.
// Deliberately not: EPS, LaTeX or interactive terminals.
#pragma once
#include <string>
#include <vector>

namespace factorlab {

enum class FigureFormat { Png, Pdf, Svg };

// "png", "pdf", "svg" (also the file extension).
std::string figure_format_name(FigureFormat format);
// A comma-separated list such as "png,pdf,svg" (spaces around names allowed, repeats ignored);
// the result starts with Png whether or not it is listed. InputError naming --format and the
// allowed names for an unknown or empty name.
std::vector<FigureFormat> parse_figure_formats(const std::string& list);
// The gnuplot `set terminal ...` line of a figure of width x height pixels in that format.
std::string gnuplot_terminal(FigureFormat format, int width, int height);

}  // namespace factorlab
