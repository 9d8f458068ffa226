// factorlab/report/scaling.cpp — see scaling.h.
#include "factorlab/report/scaling.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "factorlab/core/fs.h"
#include "factorlab/report/csv_table.h"

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
  if (std::isfinite(f.fit->se_b)) s += " +- " + format_value(f.fit->se_b) + " (standard error)";
  s += " from " + std::to_string(f.fit->n) + " N values; 95 % CI ";
  s += f.b_ci ? interval_text(*f.b_ci) + " " + f.b_ci_source : "none (" + f.b_ci_source + ")";
  if (!f.seed_b.empty()) {
    std::string each;
    for (std::size_t i = 0; i < f.seed_b.size(); ++i)
      each += (each.empty() ? "" : ", ") + format_value(f.seed_b[i]);
    s += " (seeds: " + each + ")";
  }
  return s;
}

// A fit of size_60 = a N^b to the crossings of these curves (with at least 2 distinct N).
std::optional<PowerLawFit> fit_crossings(const std::map<double, Crossing>& by_N, std::vector<double>* N_out = nullptr,
                                         std::vector<double>* size_out = nullptr) {
  std::vector<double> N, size;
  for (const auto& [n, c] : by_N)
    if (c.x) N.push_back(n), size.push_back(*c.x);
  if (N_out) *N_out = N;
  if (size_out) *size_out = size;
  if (N.size() < 2) return std::nullopt;  // the map's N are distinct
  return fit_power_law(N, size);
}

std::string list_text(const std::vector<const SigmaThreshold*>& s, bool critical) {
  std::string out;
  for (const SigmaThreshold* t : s) {
    std::string v = critical ? format_value(t->critical_lambda) : format_value(*t->lambda_60.x);
    const auto ci = critical ? t->critical_ci : t->lambda_60_ci;
    v += ci ? " (95 % CI " + interval_text(*ci) + ")" : " (no interval)";
    if (!critical && t->seed_lambda_60.size() > 1) {
      const auto [lo, hi] = std::minmax_element(t->seed_lambda_60.begin(), t->seed_lambda_60.end());
      v += " [" + std::to_string(t->seed_lambda_60.size()) + " seeds " + format_value(*lo) + " .. " + format_value(*hi) + "]";
    }
    out += (out.empty() ? "" : ", ") + std::string("sigma ") + format_number(t->sigma) + ": " + v;
  }
  return out.empty() ? "not measured" : out;
}

// The simulated critical lambda's interval per sigma: the 0.5 crossings of the mean ratio's band
// -+ t sd / sqrt(trials) (percolation.csv columns sigma, lambda, mean_ratio, std_ratio, trials).
std::map<double, Interval> simulated_bands(const std::string& csv) {
  std::map<double, Interval> out;
  if (!file_exists(csv)) return out;
  const CsvTable t = read_csv(csv);
  std::map<double, std::vector<double>> lambda, lo, hi;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const double sigma = t.number(r, "sigma"), trials = t.number(r, "trials");
    const double mean = t.number(r, "mean_ratio"), sd = t.number(r, "std_ratio");
    if (!std::isfinite(sigma) || !(trials >= 2) || !std::isfinite(mean) || !std::isfinite(sd)) continue;
    const double half = student_t975(static_cast<int>(trials) - 1) * sd / std::sqrt(trials);
    lambda[sigma].push_back(t.number(r, "lambda"));
    lo[sigma].push_back(mean - half);
    hi[sigma].push_back(mean + half);
  }
  for (const auto& [sigma, x] : lambda)
    if (const auto ci = band_crossing(x, lo[sigma], hi[sigma], 0.5, Interpolation::Linear, 0.0, 1.0)) out[sigma] = *ci;
  return out;
}

}  // namespace

DataEfficiencySummary data_efficiency_summary(const std::vector<StudyRun>& runs) {
  std::map<std::pair<std::string, double>, SizeCurve> curves;
  // dataset -> seed -> N -> (sizes, accuracies) of that seed alone
  std::map<std::string, std::map<std::string, std::map<double, std::pair<std::vector<double>, std::vector<double>>>>> by_seed;
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
    if (!r.label("seed").empty()) {
      auto& [sizes, accs] = by_seed[dataset][r.label("seed")][*N];
      sizes.push_back(*size);
      accs.push_back(*acc);
    }
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
    std::map<double, Crossing> pooled;
    for (const SizeCurve& c : s.curves)
      if (c.dataset == dataset) pooled[c.N] = c.size_60;
    f.fit = fit_crossings(pooled, &f.N, &f.size_60);
    const auto& seeds = by_seed[dataset];
    if (seeds.size() >= 2)
      for (const auto& [seed, by_N] : seeds) {
        std::map<double, Crossing> crossings;
        for (const auto& [N, pts] : by_N)
          crossings[N] = threshold_crossing(pts.first, pts.second, kTargetAccuracy, Interpolation::LogX);
        if (const auto fit = fit_crossings(crossings)) f.seeds.push_back(seed), f.seed_b.push_back(fit->b);
      }
    if (const auto m = mean_interval(f.seed_b)) {
      f.b_ci = m->ci;
      f.b_ci_source = "over " + std::to_string(m->k) + " seeds (mean " + format_value(m->mean) + ")";
    } else if (f.fit && std::isfinite(f.fit->ci95_lo)) {
      f.b_ci = Interval{f.fit->ci95_lo, f.fit->ci95_hi};
      f.b_ci_source = "from the regression on " + std::to_string(f.fit->n) + " N values";
    } else {
      f.b_ci_source = seeds.size() >= 2 ? "fewer than 2 seeds fit and fewer than 3 N values"
                                        : "one seed and fewer than 3 N values";
    }
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
    const double p = f->paper_exponent;
    out.push_back({exp,
                   "Training-set size for 60 % accuracy grows as N^" + format_number(p) + " (" +
                       (f == bumps ? "2D bumps alone: quadratic" : "2D bumps + 1D stripes: linear") + ")",
                   f->dataset + ": " + exponent_text(*f),
                   "the 95 % interval of b lies within " + format_number(p) + " -+ " + format_number(kExponentTolerance) +
                       " (fails: entirely outside; no interval: inconclusive)",
                   f->fit ? inside(f->b_ci, p - kExponentTolerance, p + kExponentTolerance) : Verdict::NotMeasured});
  }
  std::string text = "b(bumps) = " + (bumps->fit ? format_value(bumps->fit->b) : std::string("not measured")) +
                     ", b(bumps+stripes) = " + (stripes->fit ? format_value(stripes->fit->b) : std::string("not measured"));
  Verdict v = Verdict::NotMeasured;
  if (bumps->fit && stripes->fit) {
    // Paired by seed when at least 2 seeds fit both; else the two intervals combined (MOVER).
    std::vector<double> paired;
    for (std::size_t i = 0; i < stripes->seeds.size(); ++i)
      for (std::size_t j = 0; j < bumps->seeds.size(); ++j)
        if (stripes->seeds[i] == bumps->seeds[j]) paired.push_back(stripes->seed_b[i] - bumps->seed_b[j]);
    std::optional<Interval> d;
    if (const auto m = mean_interval(paired)) {
      d = m->ci;
      text += "; difference (stripes - bumps) 95 % CI " + interval_text(*d) + " over " + std::to_string(m->k) + " seeds";
    } else if (bumps->b_ci && stripes->b_ci) {
      d = difference_interval(stripes->fit->b, *stripes->b_ci, bumps->fit->b, *bumps->b_ci);
      text += "; difference (stripes - bumps) 95 % CI " + interval_text(*d) + " from the two intervals";
    } else {
      text += "; no interval for the difference";
    }
    v = below(d, 0);
  }
  out.push_back({exp, "Isolated factors (1D stripes) make learning more data-efficient: a smaller exponent", text,
                 "the 95 % interval of b(bumps+stripes) - b(bumps) lies below 0 (fails: above 0)", v});
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
    for (const auto& [sigma, ci] : simulated_bands(dir + "/percolation.csv"))
      if (by_sigma.count(sigma) && std::isfinite(by_sigma[sigma].critical_lambda)) by_sigma[sigma].critical_ci = ci;
  }
  std::map<double, std::map<double, std::vector<const Numbers*>>> points;            // sigma -> lambda -> runs
  std::map<double, std::map<std::string, std::pair<std::vector<double>, std::vector<double>>>> seeds;  // own curves
  for (const StudyRun& r : runs) {
    const auto sigma = r.label_number("sigma"), lambda = r.label_number("lambda");
    const auto acc = r.number(kAccuracyKey);
    if (!sigma || !lambda || !acc) continue;
    by_sigma[*sigma].sigma = *sigma;
    points[*sigma][*lambda].push_back(&r.numbers);
    if (!r.label("seed").empty()) {
      auto& [l, a] = seeds[*sigma][r.label("seed")];
      l.push_back(*lambda);
      a.push_back(*acc);
    }
  }
  std::vector<SigmaThreshold> out;
  for (auto& [sigma, t] : by_sigma) {
    for (const auto& [lambda, ptrs] : points[sigma]) {
      const auto p = pooled_accuracy(ptrs, "all", "joint");  // kAccuracyKey
      t.lambda.push_back(lambda);
      t.accuracy.push_back(p->estimate());
      const auto ci = p->ci();
      t.accuracy_lo.push_back(ci ? ci->lo : std::nan(""));
      t.accuracy_hi.push_back(ci ? ci->hi : std::nan(""));
    }
    t.lambda_60 = threshold_crossing(t.lambda, t.accuracy, kTargetAccuracy, Interpolation::Linear);
    const bool counted = std::none_of(t.accuracy_lo.begin(), t.accuracy_lo.end(), [](double v) { return std::isnan(v); });
    if (t.lambda_60.x && counted)
      t.lambda_60_ci = band_crossing(t.lambda, t.accuracy_lo, t.accuracy_hi, kTargetAccuracy, Interpolation::Linear, 0.0, 1.0);
    if (seeds[sigma].size() >= 2)
      for (const auto& [seed, pts] : seeds[sigma]) {
        const Crossing c = threshold_crossing(pts.first, pts.second, kTargetAccuracy, Interpolation::Linear);
        if (c.x) t.seed_lambda_60.push_back(*c.x);
      }
    out.push_back(t);
  }
  return out;
}

std::vector<Claim> percolation_claims(const std::vector<SigmaThreshold>& s) {
  std::vector<Claim> out;
  const std::string exp = "percolation";
  std::vector<const SigmaThreshold*> simulated, trained;
  for (const SigmaThreshold& t : s) {
    if (std::isfinite(t.critical_lambda)) simulated.push_back(&t);
    if (t.lambda_60.x) trained.push_back(&t);
  }
  // A trend in sigma is read off its end points: the interval of (value at the largest sigma - value at
  // the smallest), combined from their intervals (MOVER).
  auto trend = [](double lo_v, std::optional<Interval> lo_ci, double hi_v, std::optional<Interval> hi_ci,
                  std::string& text) -> Verdict {
    if (!lo_ci || !hi_ci) {
      text += "; no interval for the difference";
      return Verdict::Inconclusive;
    }
    const Interval d = difference_interval(hi_v, *hi_ci, lo_v, *lo_ci);
    text += "; largest - smallest sigma: 95 % CI " + interval_text(d);
    return below(d, 0);
  };
  {
    std::string text = "critical lambda (largest-cluster ratio 0.5): " + list_text(simulated, true);
    Verdict v = Verdict::NotMeasured;
    if (simulated.size() >= 2)
      v = trend(simulated.front()->critical_lambda, simulated.front()->critical_ci, simulated.back()->critical_lambda,
                simulated.back()->critical_ci, text);
    out.push_back({exp, "Simulation: wider bumps overlap more, so the lattice percolates at a smaller lambda", text,
                   "at least 2 sigma; the 95 % interval of critical lambda(largest sigma) - (smallest sigma) lies below 0 "
                   "(fails: above 0); each from the band mean ratio -+ t sd / sqrt(trials)",
                   v});
  }
  {
    std::string text = "lambda at 60 % joint accuracy: " + list_text(trained, false);
    Verdict v = Verdict::NotMeasured;
    if (trained.size() >= 2)
      v = trend(*trained.front()->lambda_60.x, trained.front()->lambda_60_ci, *trained.back()->lambda_60.x,
                trained.back()->lambda_60_ci, text);
    out.push_back({exp, "Trained models: learning needs less data (smaller lambda) when the examples overlap more", text,
                   "at least 2 sigma; the 95 % interval of lambda_60(largest sigma) - lambda_60(smallest sigma) lies "
                   "below 0 (fails: above 0); each lambda_60 from the Wilson bands of the accuracies",
                   v});
  }
  std::string measured;
  std::vector<Verdict> parts;
  for (const SigmaThreshold& t : s) {
    if (!std::isfinite(t.critical_lambda) || !t.lambda_60.x) continue;
    const Interval crit = t.critical_ci.value_or(Interval{t.critical_lambda, t.critical_lambda});
    std::optional<Interval> d;
    if (t.lambda_60_ci) d = difference_interval(*t.lambda_60.x, *t.lambda_60_ci, t.critical_lambda, crit);
    parts.push_back(inside(d, -kThresholdTolerance, kThresholdTolerance));
    measured += (measured.empty() ? "" : "; ") + std::string("sigma ") + format_number(t.sigma) + ": lambda_60 " +
                format_value(*t.lambda_60.x) + " vs critical " + format_value(t.critical_lambda) +
                (d ? ", difference 95 % CI " + interval_text(*d) : std::string(", no interval"));
  }
  out.push_back({exp, "The onset of learning sits at the percolation threshold of the training set",
                 measured.empty() ? "not measured" : measured,
                 "for every sigma with both: the 95 % interval of lambda_60 - critical lambda lies within -+" +
                     format_number(kThresholdTolerance) + " (fails: one entirely outside)",
                 all_of(parts)});
  return out;
}

}  // namespace factorlab
