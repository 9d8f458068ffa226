// factorlab/report/figure_set.cpp — see figure_set.h.
#include "factorlab/report/figure_set.h"

#include <utility>

#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"

namespace factorlab {

FigureSet::FigureSet(std::string dir, std::string gnuplot, std::vector<FigureFormat> formats)
    : dir_(std::move(dir)), gnuplot_(std::move(gnuplot)), formats_(std::move(formats)) {
  make_dirs(dir_);
}

FigureSet::Group& FigureSet::current() {
  if (groups_.empty()) groups_.push_back({"Figures", "", {}, {}});
  return groups_.back();
}

void FigureSet::group(const std::string& heading, const std::string& intro) { groups_.push_back({heading, intro, {}, {}}); }

void FigureSet::add(const Figure& figure, const std::string& caption) {
  if (!has_data(figure)) {  // nothing measured for it: a missing input, not a failed figure
    missing(figure.title, "no data in this folder");
    return;
  }
  const FigureResult r = render_figure(figure, dir_, gnuplot_, formats_);
  HtmlFigure h{figure.title, caption, r.png_path, r.error};
  if (r.ok) {
    ++drawn_;
  } else {
    failures_.push_back(figure.name + ": " + r.error);
    log_warn("report: figure ", figure.name, " not drawn: ", r.error);
  }
  current().figures.push_back(h);
}

void FigureSet::add_png(const std::string& title, const std::string& png_path, const std::string& caption) {
  if (!file_exists(png_path)) {
    missing(title, "'" + png_path + "' does not exist");
    return;
  }
  current().figures.push_back({title, caption, png_path, ""});
  ++drawn_;
}

void FigureSet::missing(const std::string& title, const std::string& reason) {
  current().notes.push_back(title + ": not available (" + reason + ")");
}

void FigureSet::write(HtmlDocument& doc) const {
  for (const Group& g : groups_) {
    doc.heading(g.heading, 3);
    if (!g.intro.empty()) doc.paragraph(g.intro);
    if (!g.figures.empty()) doc.figures(g.figures);
    if (!g.notes.empty()) doc.list(g.notes);
  }
}

}  // namespace factorlab
