// factorlab/report/figure_set.h — the figures of one report, grouped under headings: each gnuplot
// figure is rendered as it is added (gnuplot.h), an existing PNG (a sample grid) is taken as it is,
// and a figure whose input is missing is listed with the reason, so the page says what it lacks.
// Deliberately not: deciding which figures a report has (run_report.cpp, study_report.cpp).
#pragma once
#include <string>
#include <vector>

#include "factorlab/report/gnuplot.h"
#include "factorlab/report/html.h"

namespace factorlab {

class FigureSet {
 public:
  // dir: the figures folder (created); gnuplot: find_gnuplot's answer ("" = none); formats: the
  // files each gnuplot figure is drawn to (figure_format.h; the PNG always).
  FigureSet(std::string dir, std::string gnuplot, std::vector<FigureFormat> formats = {FigureFormat::Png});

  void group(const std::string& heading, const std::string& intro = "");
  // Renders and keeps the figure (title = figure.title, shown above its caption).
  void add(const Figure& figure, const std::string& caption);
  void add_png(const std::string& title, const std::string& png_path, const std::string& caption);
  // A figure that cannot be drawn because its input is not there (shown as a note, not a failure).
  void missing(const std::string& title, const std::string& reason);

  void write(HtmlDocument& doc) const;  // every group: heading, intro, figures, notes
  int drawn() const { return drawn_; }
  const std::vector<std::string>& failures() const { return failures_; }  // "name: why"

 private:
  struct Group {
    std::string heading, intro;
    std::vector<HtmlFigure> figures;
    std::vector<std::string> notes;
  };
  Group& current();
  std::string dir_, gnuplot_;
  std::vector<FigureFormat> formats_;
  std::vector<Group> groups_;
  std::vector<std::string> failures_;
  int drawn_ = 0;
};

}  // namespace factorlab
