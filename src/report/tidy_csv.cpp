// factorlab/report/tidy_csv.cpp — see tidy_csv.h.
#include "factorlab/report/tidy_csv.h"

#include <cmath>
#include <cstdio>
#include <vector>

#include "factorlab/report/csv_table.h"

namespace factorlab {
namespace {

std::string number(double v) {
  if (!std::isfinite(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// The label of category index v (a heatmap's coordinates are indices into its categories).
std::string category(const std::vector<std::string>& labels, double v) {
  const long i = std::lround(v);
  return i >= 0 && static_cast<std::size_t>(i) < labels.size() ? labels[static_cast<std::size_t>(i)] : number(v);
}

}  // namespace

std::string tidy_csv(const Figure& f) {
  CsvTable t;
  t.columns = {"figure", "series", "x", "y", "err", "value"};
  for (const Series& s : f.series) {
    const bool err = f.kind != PlotKind::Bars && s.err.size() == s.y.size() && !s.err.empty();
    const bool band = err && f.kind == PlotKind::Lines && s.style == SeriesStyle::Band;
    for (std::size_t i = 0; i < s.y.size(); ++i) {
      if (!plotted_point(f, s, i)) continue;
      std::string x, y = number(s.y[i]), e, value;
      if (f.kind == PlotKind::Bars) {
        x = i < f.categories.size() ? f.categories[i] : std::to_string(i);
      } else if (f.kind == PlotKind::Heatmap) {
        x = category(f.categories, s.x[i]);
        y = category(f.y_categories, s.y[i]);
      } else {
        x = number(s.x[i]);
      }
      if (band) {  // y = the lower edge, err = the upper edge in a Band series (gnuplot.h)
        y = number((s.y[i] + s.err[i]) / 2);
        e = number(std::fabs(s.err[i] - s.y[i]) / 2);
      } else if (err) {
        e = number(s.err[i]);
      }
      if ((f.kind == PlotKind::Scatter || f.kind == PlotKind::Heatmap) && i < s.value.size()) value = number(s.value[i]);
      t.rows.push_back({f.name, s.title, x, y, e, value});
    }
  }
  for (const auto& [y, title] : f.hlines) t.rows.push_back({f.name, title, "", number(y), "", ""});
  return format_csv(t);
}

}  // namespace factorlab
