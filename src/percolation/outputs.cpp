// factorlab/percolation/outputs.cpp — see outputs.h.
#include "factorlab/percolation/outputs.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "factorlab/core/config.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/npy.h"
#include "factorlab/core/run_files.h"

namespace factorlab {
namespace {

std::string cell(double v) {
  if (!std::isfinite(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// The config as JSON, driven by the same visit() as the TOML reader and writer.
struct JsonConfigWriter {
  Json& j;
  template <class T>
  void operator()(const char* key, const T& v) { j[key] = v; }
  template <class E>
  void operator()(const char* key, const E& v, const EnumNames<E>& names) { j[key] = enum_name(v, names); }
};

std::string join(const std::string& dir, const std::string& name) {
  return dir.empty() || dir.back() == '/' ? dir + name : dir + "/" + name;
}

}  // namespace

std::string percolation_csv(const PercolationRun& run) {
  std::string s = "sigma,lambda,mean_ratio,std_ratio,mean_kept,trials,mean_largest,span_prob\n";
  for (const SigmaCurve& c : run.curves)
    for (const LambdaPoint& p : c.points)
      s += cell(c.sigma) + "," + cell(p.lambda) + "," + cell(p.mean_ratio) + "," + cell(p.std_ratio) + "," +
           cell(p.mean_kept) + "," + std::to_string(p.trials) + "," + cell(p.mean_largest) + "," +
           cell(p.span_prob) + "\n";
  return s;
}

std::string overlap_csv(const std::vector<OverlapRow>& rows) {
  std::string s = "sigma,distance,analytic,pixel_open,pixel_periodic\n";
  for (const OverlapRow& r : rows)
    s += cell(r.sigma) + "," + cell(r.distance) + "," + cell(r.analytic) + "," + cell(r.pixel_open) + "," +
         cell(r.pixel_periodic) + "\n";
  return s;
}

Json percolation_summary(const PercolationConfig& c, const PercolationRun& run, const PercolationTiming& timing) {
  Json j;
  Json config = Json::object();
  JsonConfigWriter w{config};
  const_cast<PercolationConfig&>(c).visit(w);
  j["config"] = config;
  j["sigma"] = Json::array();
  j["critical_lambda"] = Json::array();
  j["per_sigma"] = Json::array();
  for (const SigmaCurve& curve : run.curves) {
    j["sigma"].push_back(curve.sigma);
    j["critical_lambda"].push_back(number_or_null(curve.critical.ratio_half));
    int never = 0;
    for (double f : curve.spanning) never += std::isnan(f) ? 1 : 0;
    Json s;
    s["sigma"] = curve.sigma;
    s["critical_lambda"] = {{"ratio_half", number_or_null(curve.critical.ratio_half)},
                            {"span_half", number_or_null(curve.critical.span_half)},
                            {"steepest", number_or_null(curve.critical.steepest)},
                            {"spanning_median", number_or_null(curve.critical.spanning_median)}};
    s["neighbour_radius"] = curve.links.radius;
    s["neighbour_radius_sites"] = curve.links.radius / c.d;
    s["neighbours"] = curve.links.neighbours();
    s["spanning_runs"] = curve.spanning.size();
    s["spanning_never"] = never;
    j["per_sigma"].push_back(s);
  }
  j["timing"] = {{"threads", run.threads},       {"links_s", run.links_s},
                 {"sweep_s", run.sweep_s},       {"spanning_s", run.spanning_s},
                 {"overlap_s", timing.overlap_s}, {"total_s", timing.total_s}};
  return j;
}

void write_percolation_outputs(const std::string& dir, const PercolationConfig& c, const PercolationRun& run,
                               const std::vector<OverlapRow>& overlap, const PercolationTiming& timing) {
  const std::int64_t S = static_cast<std::int64_t>(run.curves.size());
  const std::int64_t n_lambda = static_cast<std::int64_t>(c.lambda.size());
  if (S != static_cast<std::int64_t>(c.sigma.size()) || S == 0)
    throw std::invalid_argument("write_percolation_outputs: run has " + std::to_string(S) + " curves for " +
                                std::to_string(c.sigma.size()) + " sigma values");
  if (overlap.size() % static_cast<std::size_t>(S) != 0)
    throw std::invalid_argument("write_percolation_outputs: overlap rows are not the same for every sigma");
  const std::int64_t D = static_cast<std::int64_t>(overlap.size()) / S;
  make_dirs(dir);
  write_file_atomic(join(dir, "percolation.csv"), percolation_csv(run));
  write_file_atomic(join(dir, "overlap.csv"), overlap_csv(overlap));
  write_json(join(dir, "percolation.json"), percolation_summary(c, run, timing));
  write_file_atomic(join(dir, kRunConfig), to_toml_string(write_config(c)));

  std::vector<double> ratio, std_ratio, span, kept, critical, spanning;
  for (const SigmaCurve& curve : run.curves) {
    if (static_cast<std::int64_t>(curve.points.size()) != n_lambda ||
        curve.spanning.size() != 2 * static_cast<std::size_t>(c.trials))
      throw std::invalid_argument("write_percolation_outputs: a curve does not match the config");
    for (const LambdaPoint& p : curve.points) {
      ratio.push_back(p.mean_ratio);
      std_ratio.push_back(p.std_ratio);
      span.push_back(p.span_prob);
      kept.push_back(p.mean_kept);
    }
    critical.push_back(curve.critical.ratio_half);
    spanning.insert(spanning.end(), curve.spanning.begin(), curve.spanning.end());
  }
  std::vector<double> distance, analytic, open, periodic;
  for (std::int64_t k = 0; k < D; ++k) distance.push_back(overlap[static_cast<std::size_t>(k)].distance);
  for (const OverlapRow& r : overlap) {
    analytic.push_back(r.analytic);
    open.push_back(r.pixel_open);
    periodic.push_back(r.pixel_periodic);
  }
  write_npz(join(dir, "percolation_figure.npz"),
            {{"sigma", NpyArray::from_f64({S}, c.sigma.data())},
             {"lambda", NpyArray::from_f64({n_lambda}, c.lambda.data())},
             {"mean_ratio", NpyArray::from_f64({S, n_lambda}, ratio.data())},
             {"std_ratio", NpyArray::from_f64({S, n_lambda}, std_ratio.data())},
             {"span_prob", NpyArray::from_f64({S, n_lambda}, span.data())},
             {"mean_kept", NpyArray::from_f64({S, n_lambda}, kept.data())},
             {"critical_lambda", NpyArray::from_f64({S}, critical.data())},
             {"spanning_fractions", NpyArray::from_f64({S, c.trials, 2}, spanning.data())},
             {"overlap_distance", NpyArray::from_f64({D}, distance.data())},
             {"overlap_analytic", NpyArray::from_f64({S, D}, analytic.data())},
             {"overlap_pixel_open", NpyArray::from_f64({S, D}, open.data())},
             {"overlap_pixel_periodic", NpyArray::from_f64({S, D}, periodic.data())}});
}

PercolationRun simulate_percolation_into(const std::string& dir, const PercolationConfig& c, int threads) {
  const auto t0 = std::chrono::steady_clock::now();
  ensure_writable_dir(dir);
  PercolationRun run = run_percolation(c, threads);
  const auto t1 = std::chrono::steady_clock::now();
  const std::vector<OverlapRow> overlap = overlap_curves(c);
  PercolationTiming timing;
  timing.overlap_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  timing.total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  write_percolation_outputs(dir, c, run, overlap, timing);
  return run;
}

}  // namespace factorlab
