// factorlab/report/scaling.cpp — see scaling.h.
#include "factorlab/report/scaling.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "factorlab/core/fs.h"

namespace factorlab {
namespace {

// Sorts parallel arrays by the first one.
void sort_by(std::vector<double>& key, std::vector<double>& a, std::vector<double>& b) {
  std::vector<std::size_t> idx(key.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t i, std::size_t j) { return key[i] < key[j]; });
  auto apply = [&](std::vector<double>& v) {
    std::vector<double> out;
    for (std::size_t i : idx) out.push_back(v[i]);
    v = out;
  };
  apply(key);
  apply(a);
  apply(b);
}

std::string exponent_text(const ExponentFit& f) {
  if (!f.fit) return "not measured (" + std::to_string(f.N.size()) + " N values reached 60 %; 2 are needed)";
  std::string s = "b = " + format_value(f.fit->b);
  if (std::isfinite(f.fit->se_b))
    s += " +- " + format_value(f.fit->se_b) + " (95 % CI " + format_value(f.fit->ci95_lo) + " .. " +
         format_value(f.fit->ci95_hi) + ")";
  return s + " from " + std::to_string(f.fit->n) + " N values";
}

bool non_increasing(const std::vector<double>& v) {
  for (std::size_t i = 1; i < v.size(); ++i)
    if (v[i] > v[i - 1]) return false;
  return true;
}

std::string list_text(const std::vector<double>& sigma, const std::vector<double>& v) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i)
    s += (s.empty() ? "" : ", ") + std::string("sigma ") + format_number(sigma[i]) + ": " + format_value(v[i]);
  return s.empty() ? "not measured" : s;
}

}  // namespace

DataEfficiencySummary data_efficiency_summary(const std::vector<StudyRun>& runs) {
  std::map<std::pair<std::string, double>, SizeCurve> curves;
  for (const StudyRun& r : runs) {
    const std::string dataset = r.label("dataset");
    const auto N = r.label_number("N");
    if (dataset.empty() || !N) continue;
    std::optional<double> size = r.label_number("n_train");
    if (!size) size = r.number("data.n_train");
    const auto acc = r.number(kAccuracyKey);
    if (!size || !acc) continue;
    SizeCurve& c = curves[{dataset, *N}];
    c.dataset = dataset;
    c.N = *N;
    c.n_train.push_back(*size);
    c.accuracy.push_back(*acc);
    c.fraction.push_back(r.label_number("fraction").value_or(std::nan("")));
  }
  DataEfficiencySummary s;
  for (auto& [key, c] : curves) {
    sort_by(c.n_train, c.accuracy, c.fraction);
    c.size_60 = threshold_crossing(c.n_train, c.accuracy, kTargetAccuracy, Interpolation::LogX);
    s.curves.push_back(c);
  }
  for (const auto& [dataset, paper] : {std::pair<std::string, double>{"bumps", 2.0}, {"bumps+stripes", 1.0}}) {
    ExponentFit f;
    f.dataset = dataset;
    f.paper_exponent = paper;
    for (const SizeCurve& c : s.curves)
      if (c.dataset == dataset && c.size_60.x) {
        f.N.push_back(c.N);
        f.size_60.push_back(*c.size_60.x);
      }
    std::size_t distinct = 0;
    for (std::size_t i = 0; i < f.N.size(); ++i) distinct += i == 0 || f.N[i] != f.N[i - 1];
    if (distinct >= 2) f.fit = fit_power_law(f.N, f.size_60);
    s.fits.push_back(f);
  }
  return s;
}

std::vector<Claim> data_efficiency_claims(const DataEfficiencySummary& s) {
  std::vector<Claim> out;
  const std::string exp = "data efficiency";
  const ExponentFit* bumps = &s.fits[0];
  const ExponentFit* stripes = &s.fits[1];
  for (const ExponentFit* f : {bumps, stripes}) {
    const bool m = f->fit.has_value();
    out.push_back({exp,
                   "Training-set size for 60 % accuracy grows as N^" + format_number(f->paper_exponent) + " (" +
                       (f == bumps ? "2D bumps alone: quadratic" : "2D bumps + 1D stripes: linear") + ")",
                   f->dataset + ": " + exponent_text(*f),
                   "|b - " + format_number(f->paper_exponent) + "| <= " + format_number(kExponentTolerance),
                   verdict_of(m, m && std::fabs(f->fit->b - f->paper_exponent) <= kExponentTolerance)});
  }
  const bool m = bumps->fit && stripes->fit;
  out.push_back({exp, "Isolated factors (1D stripes) make learning more data-efficient: a smaller exponent",
                 "b(bumps) = " + (bumps->fit ? format_value(bumps->fit->b) : std::string("not measured")) +
                     ", b(bumps+stripes) = " + (stripes->fit ? format_value(stripes->fit->b) : std::string("not measured")),
                 "b(bumps+stripes) < b(bumps)", verdict_of(m, m && stripes->fit->b < bumps->fit->b)});
  return out;
}

std::vector<SigmaThreshold> percolation_summary(const std::string& dir, const std::vector<StudyRun>& runs) {
  std::map<double, SigmaThreshold> by_sigma;
  if (!dir.empty() && file_exists(dir + "/percolation.json")) {
    const Json j = read_json(dir + "/percolation.json");
    if (j.contains("sigma") && j["sigma"].is_array() && j.contains("critical_lambda") && j["critical_lambda"].is_array())
      for (std::size_t i = 0; i < j["sigma"].size() && i < j["critical_lambda"].size(); ++i) {
        if (!j["sigma"][i].is_number()) continue;
        const double sigma = j["sigma"][i].get<double>();
        by_sigma[sigma].sigma = sigma;
        if (j["critical_lambda"][i].is_number()) by_sigma[sigma].critical_lambda = j["critical_lambda"][i].get<double>();
      }
  }
  for (const StudyRun& r : runs) {
    const auto sigma = r.label_number("sigma"), lambda = r.label_number("lambda");
    const auto acc = r.number(kAccuracyKey);
    if (!sigma || !lambda || !acc) continue;
    SigmaThreshold& t = by_sigma[*sigma];
    t.sigma = *sigma;
    t.lambda.push_back(*lambda);
    t.accuracy.push_back(*acc);
  }
  std::vector<SigmaThreshold> out;
  for (auto& [sigma, t] : by_sigma) {
    std::vector<double> unused(t.lambda.size());
    sort_by(t.lambda, t.accuracy, unused);
    t.lambda_60 = threshold_crossing(t.lambda, t.accuracy, kTargetAccuracy, Interpolation::Linear);
    out.push_back(t);
  }
  return out;
}

std::vector<Claim> percolation_claims(const std::vector<SigmaThreshold>& s) {
  std::vector<Claim> out;
  const std::string exp = "percolation";
  std::vector<double> sc, crit, st, l60;
  for (const SigmaThreshold& t : s) {
    if (std::isfinite(t.critical_lambda)) sc.push_back(t.sigma), crit.push_back(t.critical_lambda);
    if (t.lambda_60.x) st.push_back(t.sigma), l60.push_back(*t.lambda_60.x);
  }
  out.push_back({exp, "Simulation: wider bumps overlap more, so the lattice percolates at a smaller lambda",
                 "critical lambda (largest-cluster ratio 0.5): " + list_text(sc, crit),
                 "at least 2 sigma; critical lambda non-increasing in sigma",
                 verdict_of(sc.size() >= 2, non_increasing(crit))});
  out.push_back({exp, "Trained models: learning needs less data (smaller lambda) when the examples overlap more",
                 "lambda at 60 % joint accuracy: " + list_text(st, l60),
                 "at least 2 sigma; lambda_60 non-increasing in sigma", verdict_of(st.size() >= 2, non_increasing(l60))});
  std::string measured;
  int both = 0;
  bool near = true;
  for (const SigmaThreshold& t : s) {
    if (!std::isfinite(t.critical_lambda) || !t.lambda_60.x) continue;
    ++both;
    near = near && std::fabs(*t.lambda_60.x - t.critical_lambda) <= kThresholdTolerance;
    measured += (measured.empty() ? "" : "; ") + std::string("sigma ") + format_number(t.sigma) + ": lambda_60 " +
                format_value(*t.lambda_60.x) + " vs critical " + format_value(t.critical_lambda);
  }
  out.push_back({exp, "The onset of learning sits at the percolation threshold of the training set",
                 measured.empty() ? "not measured" : measured,
                 "for every sigma with both: |lambda_60 - critical lambda| <= " + format_number(kThresholdTolerance),
                 verdict_of(both >= 1, near)});
  return out;
}

}  // namespace factorlab
