// factorlab/report/study_report.cpp — see study_report.h.
#include "factorlab/report/study_report.h"

#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include "factorlab/core/config.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/run_files.h"
#include "factorlab/report/csv_table.h"
#include "factorlab/report/memorization.h"
#include "factorlab/report/figure_set.h"
#include "factorlab/report/scaling.h"
#include "factorlab/report/study.h"

namespace factorlab {
namespace {

const char* const kTrainSets[][2] = {{"2d", "2D sos with the cross held out"},
                                     {"1d", "1D stripes over the full range"},
                                     {"union", "2D with hole + 1D stripes (union)"},
                                     {"1d_norim", "1D stripes without the rim"}};
const char* const kTableKeys[] = {"eval.all.joint",          "eval.ood.joint", "eval.band_x.joint", "eval.band_y.joint",
                                  "eval.intersection.joint", "data.n_train",   "train.steps",       "time.train"};

Series curve(const std::string& title, const std::map<double, double>& m) {
  Series s;
  s.title = title;
  for (const auto& [x, y] : m) s.x.push_back(x), s.y.push_back(y);
  return s;
}

// The unit of the holdout widths of a study's `experiment` runs, read from each run's resolved
// config.toml (data.parts.*.holdout.units): "pixels", "fraction of N", or "" when the runs disagree or
// a config cannot be read. The width labels are the values of holdout.w, so the axis names this unit.
std::string holdout_units(const std::vector<StudyRun>& runs, const std::string& experiment) {
  std::set<std::string> units;
  for (const StudyRun& r : runs) {
    if (r.label("experiment") != experiment) continue;
    try {
      const toml::table t = load_toml(in_folder(r.dir, kRunConfig));
      const toml::array* parts = t["data"]["parts"].as_array();
      if (!parts) return "";
      for (const toml::node& part : *parts) {
        const auto type = part.at_path("holdout.type").value<std::string>();
        if (!type || *type == "none") continue;
        if (const auto u = part.at_path("holdout.units").value<std::string>()) units.insert(*u);
      }
    } catch (const std::exception&) {
      return "";
    }
  }
  if (units.size() != 1) return "";
  return *units.begin() == "fraction" ? "fraction of N" : *units.begin();
}

std::string with_units(const std::string& name, const std::string& units) {
  return units.empty() ? name : name + " (" + units + ")";
}

Figure accuracy_figure(const std::string& name, const std::string& title, const std::string& xlabel) {
  Figure f;
  f.name = name;
  f.title = title;
  f.xlabel = xlabel;
  f.ylabel = "accuracy (fraction correct)";
  f.y_min = 0;
  f.y_max = 1.05;
  return f;
}

void compositional_figures(FigureSet& figs, const Study& s) {
  figs.group("Composition across the held-out cross",
             "Accuracy of each coordinate and of both (joint) in the vertical band (mu_x held out), the horizontal band "
             "(mu_y held out) and their intersection, for each training set (paper Fig. 4).");
  for (const auto& set : kTrainSets) {
    Figure f = accuracy_figure(std::string("cross_") + set[0], std::string("Training set: ") + set[1], "test region");
    f.kind = PlotKind::Bars;
    f.categories = {"vertical band", "horizontal band", "intersection"};
    for (const char* what : {"x", "y", "joint"}) {
      Series se;
      se.title = std::string(what) + " accuracy";
      for (const char* region : {"band_x", "band_y", "intersection"})
        se.y.push_back(mean_where(s.runs, {{"experiment", "cross"}, {"train_set", set[0]}},
                                  std::string("eval.") + region + "." + what)
                           .value_or(std::nan("")));
      f.series.push_back(se);
    }
    figs.add(f, "Mean over the runs with this training set; a missing bar was not measured.");
  }
  figs.group("Interpolation across a gap");
  Figure lesion =
      accuracy_figure("lesion", "OOD accuracy vs lesion width", with_units("lesion width", holdout_units(s.runs, "lesion")));
  for (const char* what : {"x", "y", "joint"})
    lesion.series.push_back(curve(std::string("OOD ") + what + " accuracy", holdout_curve(s.runs, "lesion", what)));
  figs.add(lesion, "A centred vertical band of mu_x of this width is held out of training; accuracy on it.");
  std::string square_units = holdout_units(s.runs, "interior");
  if (square_units != holdout_units(s.runs, "exterior")) square_units.clear();
  Figure square = accuracy_figure("holdout_square", "OOD accuracy vs held-out block size W", with_units("W", square_units));
  square.series.push_back(curve("interior W x W (joint)", holdout_curve(s.runs, "interior", "joint")));
  square.series.push_back(curve("exterior W x W (joint)", holdout_curve(s.runs, "exterior", "joint")));
  figs.add(square, "Joint accuracy on a W x W block held out in the centre (interior) or at a corner (exterior).");
}

void data_efficiency_figures(FigureSet& figs, const DataEfficiencySummary& d) {
  figs.group("Accuracy vs amount of data",
             "Joint accuracy of models trained on a random fraction of the lattice of conditions, per image size N "
             "(paper Fig. 5).");
  for (const char* dataset : {"bumps", "bumps+stripes"}) {
    const std::string ds = dataset;
    Figure f = accuracy_figure(ds == "bumps" ? "efficiency_bumps" : "efficiency_bumps_stripes",
                               ds == "bumps" ? "2D bumps alone" : "2D bumps + 1D stripes",
                               "subsampling fraction of the 2D bumps (log scale)");
    f.log_x = true;  // the stripes grid starts at 2 %
    for (const SizeCurve& c : d.curves) {
      if (c.dataset != ds) continue;
      Series se;
      se.title = "N = " + format_number(c.N);
      se.x = c.fraction;
      se.y = c.accuracy;
      f.series.push_back(se);
    }
    f.hlines.push_back({kTargetAccuracy, "60 % target"});
    figs.add(f, "Dashed: the 60 % accuracy at which the dataset size is read off.");
  }
  figs.group("Scaling of the data needed with N");
  Figure f;
  f.name = "efficiency_scaling";
  f.title = "Training-set size for 60 % accuracy vs N";
  f.xlabel = "image side N (pixels, log scale)";
  f.ylabel = "training images for 60 % accuracy (log scale)";
  f.log_x = f.log_y = true;
  for (const ExponentFit& e : d.fits) {
    Series pts;
    pts.title = e.dataset + " (measured)";
    pts.x = e.N;
    pts.y = e.size_60;
    pts.style = SeriesStyle::Points;
    f.series.push_back(pts);
    if (!e.fit) continue;
    Series line;
    line.style = SeriesStyle::Lines;
    line.title = e.dataset + " fit: b = " + format_value(e.fit->b) +
                 (std::isfinite(e.fit->se_b) ? " +- " + format_value(e.fit->se_b) : std::string()) + " (paper ~" +
                 format_number(e.paper_exponent) + ")";
    const double lo = *std::min_element(e.N.begin(), e.N.end()), hi = *std::max_element(e.N.begin(), e.N.end());
    for (int k = 0; k <= 20; ++k) {
      const double x = lo * std::pow(hi / lo, k / 20.0);
      line.x.push_back(x);
      line.y.push_back(e.fit->predict(x));
    }
    f.series.push_back(line);
  }
  figs.add(f, "Size interpolated linearly in log size between the measured fractions; least-squares fit of "
              "log size = log a + b log N with the standard error of b.");
}

void percolation_figures(FigureSet& figs, const Study& s, const std::vector<SigmaThreshold>& p) {
  figs.group("Percolation and learning",
             "Left: simulation of the training set as a percolation problem (largest-cluster ratio). Right: joint "
             "accuracy of models trained on datasets that differ only in sigma (paper Fig. 6).");
  Figure sim;
  sim.name = "percolation_simulation";
  sim.title = "Simulation: largest-cluster ratio vs lambda";
  sim.xlabel = "kept fraction lambda";
  sim.ylabel = "largest cluster / kept sites";
  sim.y_min = 0;
  sim.y_max = 1.05;
  const std::string csv = s.percolation_dir + "/percolation.csv";
  if (!s.percolation_dir.empty() && file_exists(csv)) {
    const CsvTable t = read_csv(csv);
    std::map<double, Series> by_sigma;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      Series& se = by_sigma[t.number(r, "sigma")];
      se.title = "sigma = " + t.text(r, "sigma");
      se.x.push_back(t.number(r, "lambda"));
      se.y.push_back(t.number(r, "mean_ratio"));
      se.err.push_back(t.number(r, "std_ratio"));
    }
    for (auto& [sigma, se] : by_sigma) sim.series.push_back(se);
    figs.add(sim, "Mean over trials, error bars one standard deviation (percolation.csv).");
  } else {
    figs.missing("Percolation simulation", s.percolation_dir.empty() ? "study.json names no percolation folder"
                                                                      : "no " + csv);
  }
  Figure trained = accuracy_figure("percolation_trained", "Trained models: accuracy vs lambda", "kept fraction lambda");
  for (const SigmaThreshold& t : p) {
    if (t.lambda.empty()) continue;
    Series se;
    se.title = "sigma = " + format_number(t.sigma);
    se.x = t.lambda;
    se.y = t.accuracy;
    trained.series.push_back(se);
  }
  trained.hlines.push_back({kTargetAccuracy, "60 %"});
  figs.add(trained, "Terminal joint accuracy (eval.all.joint) of each run.");
}

void sweep_figures(FigureSet& figs, const Study& s) {
  figs.group("Runs of the sweep");
  Figure f = accuracy_figure("sweep_accuracy", "Joint accuracy per run", "run");
  f.kind = PlotKind::Bars;
  Series joint, ood;
  joint.title = "all conditions";
  ood.title = "OOD conditions";
  for (const StudyRun& r : s.runs) {
    f.categories.push_back(r.name);
    joint.y.push_back(r.number("eval.all.joint").value_or(std::nan("")));
    ood.y.push_back(ood_accuracy(r.numbers, "joint").value_or(std::nan("")));
  }
  f.series = {joint, ood};
  f.width = std::max(820, 60 * static_cast<int>(s.runs.size()) + 300);
  figs.add(f, "Joint accuracy per run; a missing bar was not measured.");
}

HtmlTable runs_table(const Study& s) {
  std::set<std::string> label_keys;
  for (const StudyRun& r : s.runs)
    for (const auto& [k, v] : r.labels) label_keys.insert(k);
  HtmlTable t;
  t.header = {"run"};
  for (const auto& k : label_keys) t.header.push_back(k);
  t.header.push_back("overrides");
  for (const StudyRun& r : s.runs) {
    std::vector<std::string> row{r.name};
    for (const auto& k : label_keys) row.push_back(r.label(k));
    std::string o;
    for (const auto& ov : r.overrides) o += (o.empty() ? "" : " ") + ov;
    row.push_back(o);
    t.rows.push_back(row);
  }
  return t;
}

HtmlTable timing_table(const Study& s) {
  HtmlTable t;
  t.header = {"run", "train (s)", "all stages (s)"};
  double total = 0;
  for (const StudyRun& r : s.runs) {
    double sum = 0;
    bool any = false;
    for (const auto& [k, v] : r.numbers)
      if (k.rfind("time.", 0) == 0) sum += v, any = true;
    total += sum;
    t.rows.push_back({r.name, format_value(r.number("time.train")), any ? format_value(sum) : "not measured"});
  }
  t.rows.push_back({"total", "", format_value(total)});
  return t;
}

HtmlTable numbers_by_run(const Study& s) {
  HtmlTable t;
  t.header = {"run"};
  std::vector<std::string> keys;
  for (const char* k : kTableKeys)
    for (const StudyRun& r : s.runs)
      if (r.number(k)) {
        keys.push_back(k);
        break;
      }
  for (const auto& k : keys) t.header.push_back(k);
  for (const StudyRun& r : s.runs) {
    std::vector<std::string> row{r.name};
    for (const auto& k : keys)
      row.push_back(k.rfind("eval.", 0) == 0 ? format_percent(r.number(k)) : format_value(r.number(k)));
    t.rows.push_back(row);
  }
  return t;
}

}  // namespace

ReportOutcome write_study_report(const std::string& study_dir, const ReportOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  const Study s = read_study_folder(study_dir);
  const std::string gnuplot = find_gnuplot(options.gnuplot);
  FigureSet figs(study_dir + "/figures", gnuplot, options.formats);
  std::vector<Claim> claims;
  try {
    switch (s.kind) {
      case StudyKind::Compositional:
        claims = compositional_claims(s.runs);
        compositional_figures(figs, s);
        break;
      case StudyKind::DataEfficiency: {
        const DataEfficiencySummary d = data_efficiency_summary(s.runs);
        claims = data_efficiency_claims(d);
        data_efficiency_figures(figs, d);
        break;
      }
      case StudyKind::Percolation: {
        const std::vector<SigmaThreshold> p = percolation_summary(s.percolation_dir, s.runs);
        claims = percolation_claims(p);
        percolation_figures(figs, s, p);
        break;
      }
      case StudyKind::Factorization: {
        // The seeds of one run: each run's numbers and tracked participation ratios, pooled by the claims.
        std::vector<Numbers> numbers;
        std::vector<std::vector<double>> tracked;
        for (const StudyRun& r : s.runs) {
          numbers.push_back(r.numbers);
          const std::string track = r.dir + "/track.csv";
          tracked.push_back(file_exists(track) ? read_csv(track).numbers("participation_ratio") : std::vector<double>{});
        }
        claims = factorization_claims(numbers, tracked);
        sweep_figures(figs, s);
        break;
      }
      case StudyKind::Sweep: sweep_figures(figs, s); break;
    }
  } catch (const std::exception& e) {  // a damaged input costs its figures, not the report
    figs.missing("figures of this study", e.what());
  }

  HtmlDocument doc("factorlab study report: " + s.name + " (" + enum_name(s.kind, kStudyKindNames) + ")");
  doc.paragraph("Study folder: " + study_dir + ", " + std::to_string(s.runs.size()) +
                " runs. Reproduces arXiv 2408.13256 (Liang, Liu, Ostrow, Fiete: How Diffusion Models Learn to Factorize "
                "and Compose). Each run folder has its own report.html.");
  if (gnuplot.empty()) doc.paragraph("gnuplot was not found: figures are missing; their data and scripts are in figures/.");
  doc.heading("What was run");
  doc.table(runs_table(s));
  doc.preformatted(s.json.dump(2));
  doc.heading("Stage timings");
  doc.table(timing_table(s));
  doc.heading("The paper's claims on this study (95 % intervals; rules in docs/report.md)");
  if (claims.empty())
    doc.paragraph("A sweep has no claim of the paper attached; see the numbers below.");
  else
    doc.table(claims_table(claims));
  // Memorization or composition? The model beside the memorizing baseline (report/memorization.h).
  const std::vector<MemorizationRow> memo = memorization_rows(s.runs);
  if (has_baseline(memo)) {
    doc.heading("Memorization or composition? (the exact optimal denoiser of each training set; docs/memorization.md)");
    doc.paragraph("A held-out region composes when the model's joint accuracy beats the memorizer's (Newcombe's 95 % "
                  "interval of the difference above 0) and the Wilson interval of its copy rate lies below " +
                  format_percent(kCopyMajority) + "; it fails when the difference lies entirely below 0 or the "
                  "copy rate entirely above.");
    doc.table(memorization_table(memo));
  } else if (s.kind == StudyKind::Compositional || s.kind == StudyKind::DataEfficiency) {
    doc.paragraph("No memorizing baseline was run (run.baseline = false): whether the model composes rather than "
                  "copies is not measured (docs/memorization.md).");
  }
  doc.heading("Figures");
  figs.write(doc);
  if (!figs.failures().empty()) {
    doc.heading("Figures that failed", 3);
    doc.list(figs.failures());
  }
  doc.heading("Headline numbers");
  doc.table(numbers_by_run(s));

  ReportOutcome out;
  out.html_path = study_dir + "/report.html";
  out.figures = figs.drawn();
  out.failures = figs.failures();
  write_file_atomic(out.html_path, doc.finish());
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace factorlab
