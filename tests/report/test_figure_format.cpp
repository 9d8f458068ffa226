// tests/report/test_figure_format.cpp — `--format` lists (PNG always first, repeats ignored, a bad
// name a one-line InputError listing the allowed ones) and the gnuplot terminal of each format.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "factorlab/core/error.h"
#include "factorlab/report/figure_format.h"

namespace factorlab {
namespace {

using V = std::vector<FigureFormat>;

TEST(FigureFormat, ListsStartWithPngAndIgnoreRepeats) {
  EXPECT_EQ(parse_figure_formats("png"), (V{FigureFormat::Png}));
  EXPECT_EQ(parse_figure_formats("png,pdf,svg"), (V{FigureFormat::Png, FigureFormat::Pdf, FigureFormat::Svg}));
  EXPECT_EQ(parse_figure_formats("svg, pdf"), (V{FigureFormat::Png, FigureFormat::Svg, FigureFormat::Pdf}));
  EXPECT_EQ(parse_figure_formats("pdf,pdf,png"), (V{FigureFormat::Png, FigureFormat::Pdf}));
  EXPECT_EQ(figure_format_name(FigureFormat::Svg), "svg");
}

TEST(FigureFormat, UnknownOrEmptyNameIsAOneLineError) {
  for (const char* bad : {"gif", "png,jpg", "", "png,", "PDF"}) {
    try {
      parse_figure_formats(bad);
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const InputError& e) {
      const std::string m = e.what();
      EXPECT_NE(m.find("--format"), std::string::npos) << m;
      EXPECT_NE(m.find("(allowed: png, pdf, svg)"), std::string::npos) << m;
      EXPECT_EQ(m.find('\n'), std::string::npos) << m;
    }
  }
}

TEST(FigureFormat, TerminalsAndSizes) {
  EXPECT_EQ(gnuplot_terminal(FigureFormat::Png, 820, 520),
            "set terminal pngcairo noenhanced font 'sans,11' linewidth 1.3 size 820,520");
  // The PDF at 128 pixels per inch (figure_format.h).
  EXPECT_EQ(gnuplot_terminal(FigureFormat::Pdf, 820, 512),
            "set terminal pdfcairo noenhanced font 'sans,11' linewidth 1.3 size 6.406in,4.000in");
  EXPECT_NE(gnuplot_terminal(FigureFormat::Svg, 820, 520).find("set terminal svg noenhanced"), std::string::npos);
  EXPECT_NE(gnuplot_terminal(FigureFormat::Svg, 820, 520).find("size 820,520"), std::string::npos);
}

}  // namespace
}  // namespace factorlab
