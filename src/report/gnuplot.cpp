// factorlab/report/gnuplot.cpp — see gnuplot.h.
#include "factorlab/report/gnuplot.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <utility>

#include "factorlab/core/fs.h"
#include "factorlab/report/csv_table.h"
#include "factorlab/report/tidy_csv.h"

namespace factorlab {
namespace {

// Point types of gnuplot's cairo terminals: filled circle, square, triangle, diamond, down-triangle,
// pentagon, then open versions; a series is told apart by shape as well as colour.
constexpr int kPointTypes[] = {7, 5, 9, 13, 11, 15, 6, 4};
constexpr int kMaxErrorLines = 6;  // lines of gnuplot's output kept in an error message

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// A gnuplot single-quoted string: no escapes inside, '' stands for one quote; no line breaks.
std::string quote(const std::string& text) {
  std::string s = "'";
  for (char c : text) s += c == '\'' ? std::string("''") : (c == '\n' || c == '\r') ? std::string(" ") : std::string(1, c);
  return s + "'";
}

std::string shell_quote(const std::string& text) {
  std::string s = "'";
  for (char c : text) s += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return s + "'";
}

bool valid_name(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  return true;
}

std::string range(double lo, double hi) {
  return "[" + (std::isfinite(lo) ? number(lo) : std::string("*")) + ":" +
         (std::isfinite(hi) ? number(hi) : std::string("*")) + "]";
}

bool keep(const Figure& f, double x, double y) {
  if (!std::isfinite(y)) return false;
  if (f.kind != PlotKind::Bars && !std::isfinite(x)) return false;
  if (f.log_x && f.kind != PlotKind::Bars && x <= 0) return false;
  if (f.log_y && y <= 0) return false;
  return true;
}

// A heatmap cell without a finite value is left blank rather than coloured.
bool keep_point(const Figure& f, const Series& s, std::size_t i) {
  if (!keep(f, s.x[i], s.y[i])) return false;
  return f.kind != PlotKind::Heatmap || (i < s.value.size() && std::isfinite(s.value[i]));
}

// Number of points of series s that survive gnuplot_data's filter.
std::size_t kept_points(const Figure& f, const Series& s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.y.size() && i < s.x.size(); ++i) n += keep_point(f, s, i);
  return n;
}

// The colour range of a heatmap: the figure's, or that of its values (widened when they are all equal).
std::pair<double, double> colour_range(const Figure& f) {
  double lo = f.colour_min, hi = f.colour_max, vlo = INFINITY, vhi = -INFINITY;
  for (const Series& se : f.series)
    for (std::size_t i = 0; i < se.y.size() && i < se.x.size(); ++i)
      if (keep_point(f, se, i)) {
        vlo = std::min(vlo, se.value[i]);
        vhi = std::max(vhi, se.value[i]);
      }
  if (!std::isfinite(lo)) lo = std::isfinite(vlo) ? vlo : 0.0;
  if (!std::isfinite(hi)) hi = std::isfinite(vhi) ? vhi : 1.0;
  if (!(hi > lo)) {
    lo -= 0.5;
    hi = lo + 1.0;
  }
  return {lo, hi};
}

// gnuplot tic labels at 0, 1, 2, ...: ('a' 0, 'b' 1, ...).
std::string tic_labels(const std::vector<std::string>& labels) {
  std::string s = "(";
  for (std::size_t i = 0; i < labels.size(); ++i) s += (i ? ", " : "") + quote(labels[i]) + " " + std::to_string(i);
  return s + ")";
}

// The script of a heatmap: one filled box per cell (boxxyerror, so a blank cell stays blank) and its
// value written on it, black on the light half of the palette and white on the dark half.
std::string heatmap_plot(const Figure& f, const std::string& file) {
  const auto [lo, hi] = colour_range(f);
  const double cols = static_cast<double>(f.categories.size()), rows = static_cast<double>(f.y_categories.size());
  // Light grey behind the cells: a blank (not measured) cell reads as missing, not as a colour.
  std::string s = "unset grid\nset tics scale 0\nset style fill solid 1.0 noborder\n"
                  "set object 1 rectangle from graph 0,0 to graph 1,1 behind fillcolor rgb '#E6E6E6' fillstyle solid 1.0 border lc rgb '#E6E6E6'\n";
  s += "set xrange [-0.5:" + number(cols - 0.5) + "]\nset yrange [-0.5:" + number(rows - 0.5) + "]\n";
  s += "set xtics " + tic_labels(f.categories) + "\nset ytics " + tic_labels(f.y_categories) + "\n";
  s += "set cbrange [" + number(lo) + ":" + number(hi) + "]\n";
  const std::string mid = number((lo + hi) / 2);
  return s + "plot " + file + " index 0 using 1:2:(0.5):(0.5):3 with boxxyerror fc palette notitle, \\\n     " + file +
         " index 0 using 1:2:(sprintf('%.3g', $3)):($3 > " + mid +
         " ? 0 : 16777215) with labels tc rgb variable font 'sans,10' notitle\n";
}

std::string tail_lines(const std::string& text, int n) {
  std::size_t pos = text.size();
  while (pos > 0 && (text[pos - 1] == '\n' || text[pos - 1] == ' ')) --pos;
  const std::size_t end = pos;
  for (int k = 0; k < n && pos > 0; ++k) {
    pos = text.rfind('\n', pos - 1);
    if (pos == std::string::npos) {
      pos = 0;
      break;
    }
  }
  std::string s = text.substr(pos, end - pos);
  for (char& c : s)
    if (c == '\n') c = ' ';
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

}  // namespace

const std::vector<std::string>& okabe_ito_palette() {
  static const std::vector<std::string> kColours = {"#0072B2", "#D55E00", "#009E73", "#E69F00",
                                                     "#CC79A7", "#56B4E9", "#F0E442", "#000000"};
  return kColours;
}

std::string find_gnuplot(const std::string& requested) {
  const std::string name = requested.empty() ? "gnuplot" : requested;
  auto executable = [](const std::string& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0;
  };
  if (name.find('/') != std::string::npos) return executable(name) ? name : "";
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    const std::string dir = dirs.substr(start, end - start);
    const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (executable(candidate)) return candidate;
    start = end + 1;
  }
  return "";
}

std::string gnuplot_data(const Figure& f) {
  std::string s;
  if (f.kind == PlotKind::Bars) {
    CsvTable t;
    t.columns.push_back("category");
    for (const Series& se : f.series) t.columns.push_back(se.title);
    for (std::size_t g = 0; g < f.categories.size(); ++g) {
      std::vector<std::string> row{f.categories[g]};
      for (const Series& se : f.series) {
        const double v = g < se.y.size() ? se.y[g] : std::nan("");
        row.push_back(keep(f, 0, v) ? number(v) : "");
      }
      t.rows.push_back(row);
    }
    return "# " + format_csv(t);
  }
  int block = 0;
  for (const Series& se : f.series) {
    if (kept_points(f, se) == 0) continue;
    if (block++ > 0) s += "\n\n";  // gnuplot's data-set separator: `index k` picks block k
    s += "# series: " + se.title + "\n";
    const bool err = f.kind == PlotKind::Lines && se.err.size() == se.y.size();
    const bool value = f.kind == PlotKind::Scatter || f.kind == PlotKind::Heatmap;
    s += std::string("# x,y") + (err ? ",err" : "") + (value ? ",value" : "") + "\n";
    for (std::size_t i = 0; i < se.y.size() && i < se.x.size(); ++i) {
      if (!keep_point(f, se, i)) continue;
      s += number(se.x[i]) + "," + number(se.y[i]);
      if (err) s += "," + (std::isfinite(se.err[i]) ? number(se.err[i]) : std::string("0"));
      if (value) s += "," + (i < se.value.size() && std::isfinite(se.value[i]) ? number(se.value[i]) : std::string("NaN"));
      s += "\n";
    }
  }
  return s;
}

namespace {

// Draws the plot again in each further format (after the PNG's `unset output`).
std::string replots(const Figure& f, const std::vector<std::pair<FigureFormat, std::string>>& more) {
  std::string s;
  for (const auto& [format, file] : more)
    s += gnuplot_terminal(format, f.width, f.height) + "\nset output " + quote(file) + "\nreplot\nunset output\n";
  return s;
}

}  // namespace

std::string gnuplot_script(const Figure& f, const std::string& data_file, const std::string& png_file,
                           const std::vector<std::pair<FigureFormat, std::string>>& more) {
  const auto& colours = okabe_ito_palette();
  std::string s = "# " + f.name + ": drawn by factorlab's report (edit and run `gnuplot " + f.name + ".gp`)\n";
  s += "set encoding utf8\n";
  s += gnuplot_terminal(FigureFormat::Png, f.width, f.height) + "\n";
  s += "set output " + quote(png_file) + "\n";
  s += "set datafile separator comma\n";
  s += "set datafile missing ''\n";
  for (std::size_t k = 0; k < colours.size(); ++k)
    s += "set linetype " + std::to_string(k + 1) + " lc rgb '" + colours[k] + "' lw 2 pt " +
         std::to_string(kPointTypes[k]) + " ps 1.1\n";
  s += "set palette defined (0 '#440154', 0.25 '#3B528B', 0.5 '#21918C', 0.75 '#5EC962', 1 '#FDE725')\n";
  s += "set grid lc rgb '#D9D9D9' lw 1\n";
  s += "set border lc rgb '#404040'\n";
  s += "set key below maxrows 3 spacing 1.2\n";  // under the plot: never hides data, keeps the plot wide

  if (!f.title.empty()) s += "set title " + quote(f.title) + "\n";
  if (!f.xlabel.empty()) s += "set xlabel " + quote(f.xlabel) + "\n";
  if (!f.ylabel.empty()) s += "set ylabel " + quote(f.ylabel) + "\n";
  if (!f.colour_label.empty()) s += "set cblabel " + quote(f.colour_label) + "\n";
  if (f.log_x && f.kind != PlotKind::Bars) s += "set logscale x\n";
  if (f.log_y) s += "set logscale y\n";
  if (f.equal_axes) s += "set size ratio -1\n";
  if (f.kind == PlotKind::Heatmap) {
    s += heatmap_plot(f, quote(data_file));
    return s + "unset output\n" + replots(f, more);
  }
  if (f.kind != PlotKind::Bars) s += "set xrange " + range(f.x_min, f.x_max) + "\n";
  // Histogram heights start at 0 unless asked otherwise (autoscale would start at the lowest bar).
  const double y_min = f.kind == PlotKind::Histogram && !std::isfinite(f.y_min) && !f.log_y ? 0.0 : f.y_min;
  s += "set yrange " + range(y_min, f.y_max) + "\n";

  std::vector<std::string> items;
  const std::string file = quote(data_file);
  if (f.kind == PlotKind::Bars) {
    s += "set style data histograms\nset style histogram clustered gap 1\n";
    s += "set style fill solid 0.85 border rgb '#404040'\nset boxwidth 0.9\nset xtics nomirror\n";
    for (std::size_t k = 0; k < f.series.size(); ++k)
      items.push_back((k == 0 ? file : std::string("''")) + " using " + std::to_string(k + 2) +
                      (k == 0 ? ":xtic(1)" : "") + " title " + quote(f.series[k].title) + " lt " +
                      std::to_string(k % colours.size() + 1));
  } else {
    if (f.kind == PlotKind::Histogram) {
      s += "set style fill transparent solid 0.35 border\n";
      s += "set boxwidth " + number(f.bin_width > 0 ? f.bin_width : 1.0) + " absolute\n";
    }
    int block = 0;
    for (std::size_t k = 0; k < f.series.size(); ++k) {
      const Series& se = f.series[k];
      if (kept_points(f, se) == 0) continue;
      const std::string lt = " lt " + std::to_string(k % colours.size() + 1);
      const std::string title = se.title.empty() ? " notitle" : " title " + quote(se.title);
      std::string item = file + " index " + std::to_string(block++);
      if (f.kind == PlotKind::Scatter) {
        item += " using 1:2:3 with points pt " + std::to_string(kPointTypes[k % 8]) + " ps 0.8 lc palette" + title;
      } else if (f.kind == PlotKind::Histogram) {
        item += " using 1:2 with boxes" + lt + title;
      } else if (se.style == SeriesStyle::Band && se.err.size() == se.y.size()) {
        item += " using 1:2:3 with filledcurves fs transparent solid 0.22 noborder" + lt + title;
      } else if (se.err.size() == se.y.size() && !se.err.empty()) {
        item += " using 1:2:3 with yerrorlines" + lt + title;
      } else {
        const char* with = se.style == SeriesStyle::Lines ? " with lines" : se.style == SeriesStyle::Points
                                                                                 ? " with points"
                                                                                 : " with linespoints";
        item += " using 1:2" + std::string(with) + lt + title;
      }
      items.push_back(item);
    }
  }
  for (const auto& [y, title] : f.hlines)
    items.push_back(number(y) + " with lines dt 2 lw 1.5 lc rgb '#555555' title " + quote(title));
  s += "plot ";
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", \\\n     " : "") + items[i];
  s += "\nunset output\n";
  return s + replots(f, more);
}

bool plotted_point(const Figure& f, const Series& s, std::size_t i) {
  if (f.kind == PlotKind::Bars) return i < s.y.size() && keep(f, 0, s.y[i]);
  return i < s.y.size() && i < s.x.size() && keep_point(f, s, i);
}

bool has_data(const Figure& f) {
  if (f.kind == PlotKind::Bars && f.categories.empty()) return false;
  for (const Series& se : f.series) {
    if (f.kind != PlotKind::Bars && kept_points(f, se) > 0) return true;
    if (f.kind == PlotKind::Bars)
      for (double v : se.y)
        if (keep(f, 0, v)) return true;
  }
  return false;
}

FigureResult render_figure(const Figure& f, const std::string& dir, const std::string& gnuplot,
                           const std::vector<FigureFormat>& formats) {
  FigureResult r;
  r.name = f.name;
  if (!valid_name(f.name)) {
    r.error = "figure name '" + f.name + "' must be letters, digits, '_' or '-'";
    return r;
  }
  if (!has_data(f)) {
    r.error = "no data to plot";
    return r;
  }
  // (final name, temporary name) of every drawing, the PNG first.
  const std::string suffix = ".tmp." + std::to_string(::getpid());
  std::vector<std::pair<std::string, std::string>> outputs{{f.name + ".png", f.name + ".png" + suffix}};
  std::vector<std::pair<FigureFormat, std::string>> more;
  for (FigureFormat format : formats) {
    if (format == FigureFormat::Png) continue;
    const std::string file = f.name + "." + figure_format_name(format);
    if (std::find_if(outputs.begin(), outputs.end(), [&](const auto& o) { return o.first == file; }) != outputs.end())
      continue;
    outputs.push_back({file, file + suffix});
    more.push_back({format, file + suffix});
  }
  try {
    write_file_atomic(dir + "/" + f.name + ".csv", gnuplot_data(f));
    write_file_atomic(dir + "/" + f.name + ".tidy.csv", tidy_csv(f));
    write_file_atomic(dir + "/" + f.name + ".gp", gnuplot_script(f, f.name + ".csv", outputs[0].second, more));
  } catch (const std::exception& e) {
    r.error = std::string("cannot write its data: ") + e.what();
    return r;
  }
  if (gnuplot.empty()) {
    r.error = "gnuplot is not installed (or not on PATH); the data and script are in " + dir + "/" + f.name +
              ".{csv,gp}";
    return r;
  }
  const std::string log = f.name + ".log";
  const std::string cmd = "cd " + shell_quote(dir) + " && " + shell_quote(gnuplot) + " " + shell_quote(f.name + ".gp") +
                          " >" + shell_quote(log) + " 2>&1";
  const int status = std::system(cmd.c_str());
  const std::string log_path = dir + "/" + log;
  std::error_code ec;
  std::string missing;  // the first drawing gnuplot did not make
  for (const auto& o : outputs) {
    const std::string tmp_path = dir + "/" + o.second;
    if (!(std::filesystem::exists(tmp_path, ec) && std::filesystem::file_size(tmp_path, ec) > 0)) {
      missing = o.first;
      break;
    }
  }
  auto remove_temporaries = [&] {
    for (const auto& o : outputs) std::filesystem::remove(dir + "/" + o.second, ec);
  };
  if (status != 0 || !missing.empty()) {
    std::string why = file_exists(log_path) ? tail_lines(read_file(log_path), kMaxErrorLines) : "";
    if (why.empty())
      why = status != 0 ? "gnuplot exited with status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1)
                        : "gnuplot wrote no " + missing;
    r.error = "gnuplot failed: " + why + " (script " + dir + "/" + f.name + ".gp)";
    remove_temporaries();
    return r;
  }
  for (const auto& o : outputs) {
    std::filesystem::rename(dir + "/" + o.second, dir + "/" + o.first, ec);
    if (ec) {
      r.error = "cannot rename " + dir + "/" + o.second + ": " + ec.message();
      remove_temporaries();
      return r;
    }
    r.paths.push_back(dir + "/" + o.first);
  }
  std::filesystem::remove(log_path, ec);
  r.ok = true;
  r.png_path = r.paths.front();
  return r;
}

}  // namespace factorlab
