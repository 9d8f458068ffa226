// factorlab/report/map_figures.cpp — see map_figures.h.
#include "factorlab/report/map_figures.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "factorlab/core/config.h"
#include "factorlab/core/fs.h"
#include "factorlab/report/csv_table.h"

namespace factorlab {
namespace {

struct Quantity {
  const char* column;
  const char* title;
  double lo, hi;  // colour range; NaN = the values' own
  const char* caption;
};
const Quantity kQuantities[] = {
    {"participation_ratio", "Effective dimension (participation ratio)", NAN, NAN,
     "(sum lambda)^2 / sum lambda^2 of the PCA eigenvalues of the block's representation at that timestep."},
    {"betti0", "Betti number b0", 0, NAN, "Significant H0 bars (the analysis's Betti rule); a torus has 1."},
    {"betti1", "Betti number b1", 0, NAN, "Significant H1 bars; a torus has 2."},
    {"betti2", "Betti number b2", 0, NAN, "Significant H2 bars; a torus has 1."},
    {"x_on_y_mean", "Orthogonality of x- and y-curves (mean |cos|)", 0, 1,
     "Mean |cos| of the principal angles between x-curves and y-curves: 0 for a Clifford torus (factorized), "
     "0.5 for a 3D torus."},
    {"x_opposite_mean", "Opposite x-values (mean cosine)", -1, 1,
     "Mean cosine of the centred R(x_i, y) and R(x_{i+h}, y), h = half the grid: -1 for a circle in a plane "
     "(both ideal tori), -1/(n-1) ~ 0 when different x values are orthogonal (hyper-factorized)."},
    {"y_opposite_mean", "Opposite y-values (mean cosine)", -1, 1, "The same along y."},
};

}  // namespace

void map_figures(FigureSet& figs, const std::string& run_dir) {
  figs.group("Representation map: which block, which timestep",
             "From analysis/map/map.csv: every block of the UNet probed at several timesteps and analysed "
             "(blank: not measured, e.g. no persistent homology).");
  const std::string path = run_dir + "/analysis/map/map.csv";
  if (!file_exists(path)) {
    figs.missing("Representation map", "no analysis/map/map.csv (made by `factorlab analyze RUN --map`)");
    return;
  }
  const CsvTable t = read_csv(path);
  std::vector<std::string> blocks;  // in the order of the file: the forward pass
  std::vector<double> steps;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::string b = t.text(r, "block");
    if (std::find(blocks.begin(), blocks.end(), b) == blocks.end()) blocks.push_back(b);
    const double s = t.number(r, "t");
    if (std::isfinite(s) && std::find(steps.begin(), steps.end(), s) == steps.end()) steps.push_back(s);
  }
  std::sort(steps.begin(), steps.end());
  std::vector<std::string> step_labels, block_labels(blocks.rbegin(), blocks.rend());  // first block on top
  for (double s : steps) step_labels.push_back(format_number(s));
  for (const Quantity& q : kQuantities) {
    Figure f;
    f.name = std::string("map_") + q.column;
    f.title = q.title;
    f.kind = PlotKind::Heatmap;
    f.xlabel = "timestep t (0 = clean image)";
    f.ylabel = "block";
    f.colour_label = q.column;
    f.categories = step_labels;
    f.y_categories = block_labels;
    f.colour_min = q.lo;
    f.colour_max = q.hi;
    f.height = 120 + 42 * static_cast<int>(blocks.size());
    Series s;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      const auto b = std::find(blocks.begin(), blocks.end(), t.text(r, "block")) - blocks.begin();
      const auto c = std::find(steps.begin(), steps.end(), t.number(r, "t")) - steps.begin();
      if (c >= static_cast<long>(steps.size())) continue;
      s.x.push_back(static_cast<double>(c));
      s.y.push_back(static_cast<double>(blocks.size() - 1 - static_cast<std::size_t>(b)));
      s.value.push_back(t.number(r, q.column));
    }
    f.series = {s};
    figs.add(f, std::string(q.caption) + " (map.csv column " + q.column + ")");
  }
}

}  // namespace factorlab
