// factorlab/report/run_report.cpp — see run_report.h.
#include "factorlab/report/run_report.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

#include "factorlab/core/config.h"
#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/core/npy.h"
#include "factorlab/core/run_files.h"
#include "factorlab/report/csv_table.h"
#include "factorlab/report/figure_set.h"
#include "factorlab/report/map_figures.h"
#include "factorlab/report/memorization.h"

namespace factorlab {
namespace {

const char* const kStatistics[][2] = {{"x_on_y", "|cos| of principal angles, x-curves vs y-curves"},
                                      {"x_on_x", "|cos| of principal angles between x-curves"},
                                      {"y_on_y", "|cos| of principal angles between y-curves"},
                                      {"x_parallel", "cosine similarity of x-step vectors"},
                                      {"y_parallel", "cosine similarity of y-step vectors"},
                                      {"x_opposite", "cosine of opposite points of each centred x-curve"},
                                      {"y_opposite", "cosine of opposite points of each centred y-curve"},
                                      {"x_curve_pr", "participation ratio of each centred x-curve"},
                                      {"y_curve_pr", "participation ratio of each centred y-curve"}};
const char* const kSources[][2] = {{"model", "model"}, {"clifford_torus", "Clifford torus (factorized)"},
                                   {"torus_3d", "3D torus (coupled)"}};

std::string run_name(const std::string& run_dir) {
  const std::string path = in_folder(run_dir, kRunConfig);
  if (file_exists(path)) {
    try {
      const toml::table t = load_toml(path);
      if (auto n = t["run"]["name"].value<std::string>()) return *n;
    } catch (const std::exception&) {
    }
  }
  return std::filesystem::path(run_dir).lexically_normal().filename().string();
}

Series series(const std::string& title, std::vector<double> x, std::vector<double> y,
              SeriesStyle style = SeriesStyle::LinesPoints) {
  Series s;
  s.title = title;
  s.x = std::move(x);
  s.y = std::move(y);
  s.style = style;
  return s;
}

void training_figures(FigureSet& figs, const std::string& run_dir) {
  figs.group("Training", "From metrics.jsonl: the loss logged during training and the accuracy of the "
                         "evaluations run during training (a subset of the test conditions).");
  const std::string path = in_folder(run_dir, kMetrics);
  if (!file_exists(path)) {
    figs.missing("Training loss", "no metrics.jsonl");
    return;
  }
  Series loss = series("loss (MSE of the predicted noise)", {}, {}, SeriesStyle::Lines);
  std::map<std::string, Series> acc;
  for (const Json& row : read_jsonl(path)) {
    if (!row.is_object() || !row.contains("step") || !row["step"].is_number()) continue;
    const double step = row["step"].get<double>();
    if (row.contains("loss") && row["loss"].is_number()) {
      loss.x.push_back(step);
      loss.y.push_back(row["loss"].get<double>());
    }
    if (row.contains("eval") && row["eval"].is_object())
      for (const auto& [group, g] : row["eval"].items())
        if (g.is_object() && g.contains("joint_accuracy") && g["joint_accuracy"].is_number()) {
          Series& s = acc[group];
          s.title = group;
          s.x.push_back(step);
          s.y.push_back(g["joint_accuracy"].get<double>());
        }
  }
  Figure f;
  f.name = "loss";
  f.title = "Training loss";
  f.xlabel = "training step";
  f.ylabel = "loss (log scale)";
  f.log_y = true;
  f.series = {loss};
  figs.add(f, "Mean squared error of the noise prediction, averaged over the logging interval.");
  if (acc.empty()) {
    figs.missing("Accuracy during training", "no evaluation during training in metrics.jsonl (train.eval_every)");
    return;
  }
  Figure a;
  a.name = "accuracy_training";
  a.title = "Joint accuracy during training";
  a.xlabel = "training step";
  a.ylabel = "joint accuracy (fraction correct)";
  a.y_min = 0;
  a.y_max = 1.02;
  for (auto& [group, s] : acc) a.series.push_back(s);
  figs.add(a, "Fraction of generated samples with both coordinates within the tolerance, per test group.");
}

void track_figures(FigureSet& figs, const std::string& run_dir) {
  figs.group("Over training (tracked checkpoints)",
             "From track.csv (`factorlab analyze RUN --track`): every checkpoint probed and analysed (paper Fig. 2c-g).");
  const std::string path = run_dir + "/track.csv";
  if (!file_exists(path)) {
    figs.missing("Accuracy, effective dimension, explained variance and Betti numbers vs step",
                 "no track.csv: run `factorlab analyze RUN --track`");
    return;
  }
  const CsvTable t = read_csv(path);
  const std::vector<double> step = t.numbers("step");
  auto lines = [&](const std::string& name, const std::string& title, const std::string& ylabel,
                   const std::vector<std::pair<std::string, std::string>>& cols, const std::string& caption) {
    Figure f;
    f.name = name;
    f.title = title;
    f.xlabel = "training step";
    f.ylabel = ylabel;
    for (const auto& [col, label] : cols)
      if (t.has(col)) f.series.push_back(series(label, step, t.numbers(col)));
    figs.add(f, caption);
  };
  lines("track_accuracy", "Accuracy vs training step", "joint accuracy (fraction)", {{"joint_accuracy", "joint accuracy"}},
        "Joint accuracy of the evaluation logged at each tracked checkpoint (empty where none was logged).");
  lines("track_dimension", "Effective dimension vs training step", "dimensions",
        {{"participation_ratio", "participation ratio"}, {"n_components_95", "components for 95 % variance"}},
        "Participation ratio (sum lambda)^2 / sum lambda^2 of the PCA eigenvalues, and the number of components "
        "explaining 95 % of the variance.");
  lines("track_explained", "Top-4 explained variance vs training step", "explained variance ratio",
        {{"explained_1", "PC1"}, {"explained_2", "PC2"}, {"explained_3", "PC3"}, {"explained_4", "PC4"}},
        "Fraction of the variance explained by each of the first four principal components.");
  lines("track_betti", "Betti numbers vs training step", "Betti number",
        {{"betti0", "b0"}, {"betti1", "b1"}, {"betti2", "b2"}},
        "Betti numbers of the Vietoris-Rips persistence by the configured rule (default: bars above the "
        "bootstrap confidence band); a torus has (1, 2, 1).");
}

// PC1 vs PC2 coloured by mu_x, from a folder with pca_projection.npy and labels (labels.npy there or
// in labels_dir).
void pca_picture(FigureSet& figs, const std::string& name, const std::string& title, const std::string& dir,
                 const std::string& labels_path, const std::string& caption) {
  const std::string proj_path = dir + "/pca_projection.npy";
  if (!file_exists(proj_path) || !file_exists(labels_path)) {
    figs.missing(title, "no " + proj_path + " or " + labels_path);
    return;
  }
  const NpyArray p = read_npy(proj_path), l = read_npy(labels_path);
  if (p.shape.size() != 2 || p.shape[1] < 2 || l.shape.size() != 2 || l.shape[1] != 2 || l.shape[0] != p.shape[0]) {
    figs.missing(title, "unexpected shapes in " + proj_path + " / " + labels_path);
    return;
  }
  const std::vector<float> pv = p.to_f32(), lv = l.to_f32();
  const std::size_t n = static_cast<std::size_t>(p.shape[0]), d = static_cast<std::size_t>(p.shape[1]);
  Series s;
  for (std::size_t i = 0; i < n; ++i) {
    s.x.push_back(pv[i * d]);
    s.y.push_back(pv[i * d + 1]);
    s.value.push_back(lv[i * 2]);
  }
  Figure f;
  f.name = name;
  f.title = title;
  f.kind = PlotKind::Scatter;
  f.xlabel = "PC1";
  f.ylabel = "PC2";
  f.colour_label = "mu_x (pixels)";
  f.equal_axes = true;
  f.series = {s};
  figs.add(f, caption);
}

void pca_figures(FigureSet& figs, const std::string& run_dir) {
  figs.group("Representation: PCA", "The probed representation (one vector per condition) on its principal components.");
  const std::string pca_csv = run_dir + "/analysis/pca.csv";
  if (file_exists(pca_csv)) {
    const CsvTable t = read_csv(pca_csv);
    Figure f;
    f.name = "pca_spectrum";
    f.title = "PCA spectrum of the final representation";
    f.xlabel = "principal component";
    f.ylabel = "explained variance ratio (log scale)";
    f.log_y = true;
    f.series = {series("explained variance ratio", t.numbers("component"), t.numbers("explained_ratio"))};
    figs.add(f, "Explained-variance ratio of each principal component (analysis/pca.csv).");
  } else {
    figs.missing("PCA spectrum", "no analysis/pca.csv");
  }
  std::vector<std::string> steps;
  std::error_code ec;
  if (std::filesystem::is_directory(run_dir + "/track", ec))
    for (const auto& e : std::filesystem::directory_iterator(run_dir + "/track", ec))
      if (e.is_directory() && e.path().filename().string().rfind("step_", 0) == 0 &&
          file_exists(e.path().string() + "/pca_projection.npy"))
        steps.push_back(e.path().string());
  std::sort(steps.begin(), steps.end());
  if (steps.size() >= 2) {
    const std::pair<const char*, std::size_t> picks[] = {
        {"start", 0}, {"middle", (steps.size() - 1) / 2}, {"end", steps.size() - 1}};
    for (const auto& [when, i] : picks)
      pca_picture(figs, std::string("pca_") + when,
                  std::string("PCA at the ") + when + " of training (" +
                      std::filesystem::path(steps[i]).filename().string() + ")",
                  steps[i], steps[i] + "/labels.npy", "PC1 vs PC2 of the tracked checkpoint, coloured by mu_x.");
  } else {
    pca_picture(figs, "pca_final", "PCA of the final representation", run_dir + "/analysis",
                run_dir + "/probe/labels.npy",
                "PC1 vs PC2, coloured by mu_x (start and middle of training need `factorlab analyze RUN --track`).");
  }
}

void umap_figures(FigureSet& figs, const std::string& run_dir) {
  const std::string path = run_dir + "/analysis/umap.csv";
  if (!file_exists(path)) {
    figs.missing("UMAP", "no analysis/umap.csv");
    return;
  }
  const CsvTable t = read_csv(path);
  for (const char* by : {"mu_x", "mu_y"}) {
    Series s;
    s.x = t.numbers("u1");
    s.y = t.numbers("u2");
    s.value = t.numbers(by);
    Figure f;
    f.name = std::string("umap_") + by;
    f.title = std::string("UMAP of the final representation, coloured by ") + by;
    f.kind = PlotKind::Scatter;
    f.xlabel = "UMAP 1";
    f.ylabel = "UMAP 2";
    f.colour_label = std::string(by) + " (pixels)";
    f.equal_axes = true;
    f.series = {s};
    figs.add(f, "2D UMAP embedding (analysis/umap.csv); a factorized torus shows both coordinates varying smoothly.");
  }
}

void ortho_figures(FigureSet& figs, const std::string& run_dir) {
  figs.group("Factorization: orthogonality, parallelism and hyper-factorization",
             "Histograms of the statistics of docs/design.md 7.4 for the model, next to the same statistics of an ideal "
             "Clifford torus (factorized) and an ideal 3D torus (coupled) at the same labels (analysis/ortho.csv). "
             "Opposite-point cosines and curve participation ratios: both tori draw each curve as a circle in a "
             "plane (-1 and 2); values of one feature that are mutually orthogonal give about 0 and n - 1.");
  const std::string path = run_dir + "/analysis/ortho.csv";
  if (!file_exists(path)) {
    figs.missing("Orthogonality and parallelism histograms", "no analysis/ortho.csv");
    return;
  }
  const CsvTable t = read_csv(path);
  for (const auto& stat : kStatistics) {
    Figure f;
    const std::string s = stat[0];
    f.name = s.find("parallel") != std::string::npos ? "parallel_" + s.substr(0, 1) : "ortho_" + s;
    f.title = s + ": " + stat[1];
    f.kind = PlotKind::Histogram;
    f.xlabel = stat[1];
    f.ylabel = "fraction of values";
    for (const auto& src : kSources) {
      Series se;
      se.title = src[1];
      double total = 0;
      for (std::size_t r = 0; r < t.rows.size(); ++r) {
        if (t.text(r, "statistic") != std::string(src[0]) + "." + s) continue;
        const double lo = t.number(r, "bin_lo"), hi = t.number(r, "bin_hi"), c = t.number(r, "count");
        se.x.push_back((lo + hi) / 2);
        se.y.push_back(c);
        f.bin_width = hi - lo;
        total += std::isfinite(c) ? c : 0;
      }
      for (double& y : se.y) y = total > 0 ? y / total : 0;
      f.series.push_back(se);
    }
    figs.add(f, "Overlaid histograms (fractions of all values of each source).");
  }
}

// The diagram of analysis/persistence<suffix>.csv with the confidence band of
// persistence<suffix>_band.csv shaded along the diagonal (death between birth and birth + 2c): points
// above the strip are the significant bars (the band rule, docs/analysis.md).
void persistence_diagram(FigureSet& figs, const std::string& run_dir, const std::string& suffix,
                         const std::string& title, const std::string& what) {
  const std::string path = run_dir + "/analysis/persistence" + suffix + ".csv";
  if (!file_exists(path)) {
    figs.missing(title, "no analysis/persistence" + suffix + ".csv");
    return;
  }
  const CsvTable t = read_csv(path);
  double top = 0;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const double d = t.number(r, "death");
    if (std::isfinite(d)) top = std::max(top, d);
  }
  const double inf_at = top > 0 ? top * 1.05 : 1.0;
  double two_c = std::nan("");
  const std::string band_path = run_dir + "/analysis/persistence" + suffix + "_band.csv";
  if (file_exists(band_path)) {
    const CsvTable b = read_csv(band_path);
    // The strip a bar must clear: 2c, plus the landmark margin when landmarks were used.
    if (!b.rows.empty() && b.has("significance")) two_c = b.number(0, "significance");
    else if (!b.rows.empty() && b.has("two_c")) two_c = b.number(0, "two_c");
  }
  Figure f;
  f.name = "persistence" + suffix;
  f.title = title;
  f.xlabel = "birth (distance scale)";
  f.ylabel = "death (distance scale)";
  f.x_min = 0;
  f.y_min = 0;
  const double y_top = inf_at * 1.02;
  if (std::isfinite(two_c)) {
    // The strip's upper edge stops at the top of the plot: gnuplot clips a filled curve that leaves
    // the y range into a wrong polygon, so the corner where birth + 2c meets the top is a vertex.
    char label[64];
    std::snprintf(label, sizeof label, "band: death - birth <= %.4g", two_c);
    const double knee = std::clamp(y_top - two_c, 0.0, inf_at);
    Series band = series(label, {0, knee, inf_at}, {0, knee, inf_at}, SeriesStyle::Band);
    band.err = {std::min(two_c, y_top), std::min(knee + two_c, y_top), y_top};
    f.series.push_back(band);
  }
  f.series.push_back(series("death = birth", {0, inf_at}, {0, inf_at}, SeriesStyle::Lines));
  for (int dim = 0; dim <= 2; ++dim) {
    Series s = series("H" + std::to_string(dim), {}, {}, SeriesStyle::Points);
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      if (t.number(r, "dim") != dim) continue;
      const double d = t.number(r, "death");
      s.x.push_back(t.number(r, "birth"));
      s.y.push_back(std::isinf(d) ? inf_at : d);
    }
    f.series.push_back(s);
  }
  f.y_max = y_top;
  f.x_max = inf_at;
  figs.add(f, "Vietoris-Rips persistence pairs of " + what + " (analysis/persistence" + suffix +
                  ".csv); bars that never die are drawn at the top (5 % above the largest finite death). " +
                  (std::isfinite(two_c) ? "The shaded strip is the bootstrap confidence band (analysis/persistence" +
                                              suffix + "_band.csv): points above it are significant."
                                        : std::string("No confidence band was computed.")));
}

void persistence_figure(FigureSet& figs, const std::string& run_dir) {
  persistence_diagram(figs, run_dir, "", "Persistence diagram of the final representation", "the representation");
  if (file_exists(run_dir + "/analysis/persistence_pca.csv"))
    persistence_diagram(figs, run_dir, "_pca", "Persistence diagram after PCA",
                        "the projections on the top principal directions (analysis.persistence.pca_dims)");
}

void sample_figures(FigureSet& figs, const std::string& run_dir) {
  figs.group("Samples and data");
  const std::pair<const char*, const char*> grids[] = {
      {"samples.png", "Samples from the trained model on a grid of conditions."},
      {"samples_eval.png", "Evaluation samples with the requested (target) and located positions marked."},
      {"preview.png", "Training images (a preview of the dataset)."},
      {"labels.png", "Training labels in label space (held-out regions left empty)."}};
  for (const auto& [file, caption] : grids) {
    if (file_exists(run_dir + "/" + file))
      figs.add_png(file, run_dir + "/" + file, caption);
    else
      figs.missing(file, "not in the run folder");
  }
}

}  // namespace

ReportOutcome write_run_report(const std::string& run_dir, const ReportOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  std::error_code ec;
  require(std::filesystem::is_directory(run_dir, ec), "'" + run_dir + "' is not a run folder");
  const std::string gnuplot = find_gnuplot(options.gnuplot);
  const std::string name = run_name(run_dir);
  FigureSet figs(run_dir + "/figures", gnuplot, options.formats);
  // A damaged input file costs its figures, not the report.
  const std::pair<const char*, void (*)(FigureSet&, const std::string&)> parts[] = {
      {"training curves", training_figures}, {"tracked series", track_figures}, {"PCA", pca_figures},
      {"UMAP", umap_figures},                {"orthogonality", ortho_figures}, {"persistence", persistence_figure},
      {"representation map", map_figures}, {"sample grids", sample_figures}};
  for (const auto& [what, part] : parts) {
    try {
      part(figs, run_dir);
    } catch (const std::exception& e) {
      figs.missing(what, e.what());
    }
  }

  Numbers numbers;
  std::string numbers_error;
  try {
    numbers = collect_run_numbers(run_dir);
  } catch (const InputError& e) {  // a damaged results file: the page says so, claims are not measured
    numbers_error = e.what();
  }
  std::vector<double> tracked;
  try {
    if (file_exists(run_dir + "/track.csv")) tracked = read_csv(run_dir + "/track.csv").numbers("participation_ratio");
  } catch (const InputError& e) {  // already named under the figures; the claim is then not measured
    log_warn("report: ", e.what());
  }

  HtmlDocument doc("factorlab run report: " + name);
  doc.paragraph("Run folder: " + run_dir + ". Reproduces arXiv 2408.13256 (Liang, Liu, Ostrow, Fiete: How Diffusion "
                "Models Learn to Factorize and Compose).");
  if (gnuplot.empty())
    doc.paragraph("gnuplot was not found (" + (options.gnuplot.empty() ? std::string("gnuplot on PATH") : options.gnuplot) +
                  "): figures are missing; their data and scripts are in figures/.");
  if (!numbers_error.empty()) doc.paragraph("The run's numbers could not be read: " + numbers_error);
  doc.heading("What was run");
  doc.preformatted(file_exists(in_folder(run_dir, kRunConfig)) ? read_file(in_folder(run_dir, kRunConfig)) : "(no " + std::string(kRunConfig) + ")");
  doc.heading("Stage timings");
  doc.table(stage_table(file_exists(in_folder(run_dir, kStages)) ? read_json(in_folder(run_dir, kStages)) : Json()));
  doc.heading("The paper's claims (docs/design.md 9.1, factorization) on this run");
  doc.table(claims_table(factorization_claims(numbers, tracked)));
  if (const std::vector<MemorizationRow> memo = memorization_rows(numbers); has_baseline(memo)) {
    doc.heading("Memorization or composition? (the exact optimal denoiser of the training set; docs/memorization.md)");
    doc.table(memorization_table(memo));
  }
  doc.heading("Figures");
  figs.write(doc);
  if (!figs.failures().empty()) {
    doc.heading("Figures that failed", 3);
    doc.list(figs.failures());
  }
  doc.heading("Headline numbers");
  doc.table(numbers_table(numbers));

  ReportOutcome out;
  out.html_path = run_dir + "/report.html";
  out.figures = figs.drawn();
  out.failures = figs.failures();
  write_file_atomic(out.html_path, doc.finish());
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace factorlab
