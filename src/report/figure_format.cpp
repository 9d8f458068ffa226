// factorlab/report/figure_format.cpp — see figure_format.h.
#include "factorlab/report/figure_format.h"

#include <algorithm>
#include <cstdio>

#include "factorlab/core/config.h"
#include "factorlab/core/error.h"

namespace factorlab {
namespace {

const EnumNames<FigureFormat> kFormatNames = {
    {"png", FigureFormat::Png}, {"pdf", FigureFormat::Pdf}, {"svg", FigureFormat::Svg}};
constexpr double kPdfPixelsPerInch = 128;  // figure_format.h: 820 px -> 6.4 in
// Options every terminal shares: text as given (no enhanced-text markup), one font, thicker lines.
constexpr const char* kCommon = " noenhanced font 'sans,11' linewidth 1.3";

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace

std::string figure_format_name(FigureFormat format) { return enum_name(format, kFormatNames); }

std::vector<FigureFormat> parse_figure_formats(const std::string& list) {
  std::vector<FigureFormat> out{FigureFormat::Png};
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    const std::string name = trim(list.substr(start, end - start));
    const FigureFormat f = parse_enum("--format", name, kFormatNames);
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    start = end + 1;
  }
  return out;
}

std::string gnuplot_terminal(FigureFormat format, int width, int height) {
  const std::string px = std::to_string(width) + "," + std::to_string(height);
  switch (format) {
    case FigureFormat::Pdf: {
      char size[64];
      std::snprintf(size, sizeof size, "%.3fin,%.3fin", width / kPdfPixelsPerInch, height / kPdfPixelsPerInch);
      return std::string("set terminal pdfcairo") + kCommon + " size " + size;
    }
    case FigureFormat::Svg:
      return std::string("set terminal svg") + kCommon + " size " + px + " fixed background rgb 'white'";
    case FigureFormat::Png:
      break;
  }
  return std::string("set terminal pngcairo") + kCommon + " size " + px;
}

}  // namespace factorlab
