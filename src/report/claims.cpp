// factorlab/report/claims.cpp — see claims.h.
#include "factorlab/report/claims.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace factorlab {
namespace {

std::string pct(std::optional<double> v) { return format_percent(v); }

// Sum over the statistics of |model - reference| of their means; nullopt if any is missing.
std::optional<double> distance_to(const Numbers& n, const std::string& reference) {
  double d = 0;
  for (const char* stat : {"x_on_y", "x_parallel", "y_parallel"}) {
    const auto m = lookup(n, std::string("probe.model.") + stat + "_mean");
    const auto r = lookup(n, "probe." + reference + "." + stat + "_mean");
    if (!m || !r) return std::nullopt;
    d += std::fabs(*m - *r);
  }
  return d;
}

std::string stat_text(const Numbers& n, const char* stat, const char* label) {
  const std::string s = stat;
  return std::string(label) + " " + format_value(lookup(n, "probe.model." + s + "_mean")) + " (Clifford " +
         format_value(lookup(n, "probe.clifford_torus." + s + "_mean")) + ", 3D torus " +
         format_value(lookup(n, "probe.torus_3d." + s + "_mean")) + ")";
}

using Where = std::vector<std::pair<std::string, std::string>>;

std::string series_text(const std::map<double, double>& m, const std::string& unit) {
  std::string s;
  for (const auto& [w, a] : m) s += (s.empty() ? "" : ", ") + unit + " " + format_number(w) + ": " + pct(a);
  return s.empty() ? "not measured" : s;
}

}  // namespace

Verdict verdict_of(bool measured, bool holds) {
  return !measured ? Verdict::NotMeasured : holds ? Verdict::Yes : Verdict::No;
}

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Yes: return "yes";
    case Verdict::No: return "no";
    case Verdict::NotMeasured: return "not measured";
  }
  return "?";
}

std::map<double, double> holdout_curve(const std::vector<StudyRun>& runs, const std::string& experiment,
                                       const std::string& what) {
  std::map<double, std::pair<double, int>> sum;
  for (const StudyRun& r : runs) {
    if (r.label("experiment") != experiment) continue;
    const auto w = r.label_number("width");
    const auto a = ood_accuracy(r.numbers, what);
    if (!w || !a) continue;
    sum[*w].first += *a;
    ++sum[*w].second;
  }
  std::map<double, double> out;
  for (const auto& [w, s] : sum) out[w] = s.first / s.second;
  return out;
}

std::optional<double> ood_accuracy(const Numbers& numbers, const std::string& what) {
  if (auto v = lookup(numbers, "eval.ood." + what)) return v;
  return lookup(numbers, "eval.holdout." + what);
}

std::optional<double> mean_where(const std::vector<StudyRun>& runs, const Where& where, const std::string& key) {
  double sum = 0;
  int count = 0;
  for (const StudyRun& r : runs) {
    const bool match = std::all_of(where.begin(), where.end(), [&](const auto& kv) { return r.label(kv.first) == kv.second; });
    const auto v = match ? r.number(key) : std::nullopt;
    if (v) sum += *v, ++count;
  }
  if (count == 0) return std::nullopt;
  return sum / count;
}

std::vector<Claim> factorization_claims(const Numbers& n, const std::vector<double>& tracked) {
  std::vector<Claim> out;
  const std::string exp = "factorization";
  const auto acc = lookup(n, "eval.all.joint");
  out.push_back({exp, "Accuracy rises to about 100 %", "final joint accuracy " + pct(acc),
                 "joint accuracy over all test conditions >= " + pct(kHighAccuracy),
                 verdict_of(acc.has_value(), acc && *acc >= kHighAccuracy)});

  const auto b0 = lookup(n, "probe.betti0"), b1 = lookup(n, "probe.betti1"), b2 = lookup(n, "probe.betti2");
  out.push_back({exp, "The representation is torus-like: H1 = 2 (a torus has Betti numbers 1, 2, 1)",
                 "Betti numbers (" + format_value(b0) + ", " + format_value(b1) + ", " + format_value(b2) + ")",
                 "Betti 1 == " + std::to_string(kTorusBetti1), verdict_of(b1.has_value(), b1 && *b1 == kTorusBetti1)});

  const auto d_clifford = distance_to(n, "clifford_torus"), d_3d = distance_to(n, "torus_3d");
  out.push_back({exp, "The representation is factorized (like a Clifford torus), not coupled (like a 3D torus)",
                 stat_text(n, "x_on_y", "mean |cos| x-on-y") + "; " + stat_text(n, "x_parallel", "x parallelism") +
                     "; " + stat_text(n, "y_parallel", "y parallelism"),
                 "sum of |model - reference| over the three means is smaller for the Clifford torus",
                 verdict_of(d_clifford && d_3d, d_clifford && d_3d && *d_clifford < *d_3d)});

  const auto pr = lookup(n, "probe.participation_ratio");
  out.push_back({exp, "The effective dimension is low (paper: about 7)",
                 "participation ratio " + format_value(pr) + ", components for 95 % variance " +
                     format_value(lookup(n, "probe.n_components_95")),
                 "participation ratio <= " + format_number(kLowDimension),
                 verdict_of(pr.has_value(), pr && *pr <= kLowDimension)});

  std::vector<double> t;
  for (double v : tracked)
    if (std::isfinite(v)) t.push_back(v);
  std::string measured = "not measured (run `factorlab analyze RUN --track`)";
  bool settled = false;
  if (t.size() >= 3) {
    const double change = std::fabs(t.back() - t[t.size() - 2]) / std::max(std::fabs(t.back()), 1e-12);
    settled = change <= kSettledChange;
    measured = "participation ratio over " + std::to_string(t.size()) + " checkpoints: first " + format_value(t.front()) +
               ", last two " + format_value(t[t.size() - 2]) + " -> " + format_value(t.back()) + " (change " +
               pct(change) + ")";
  }
  out.push_back({exp, "The effective dimension settles during training", measured,
                 "at least 3 tracked checkpoints; the last two participation ratios differ by <= " + pct(kSettledChange),
                 verdict_of(t.size() >= 3, settled)});
  return out;
}

std::vector<Claim> compositional_claims(const std::vector<StudyRun>& runs) {
  std::vector<Claim> out;
  const std::string exp = "compositional";
  auto cross = [&](const std::string& set, const std::string& key) {
    return mean_where(runs, {{"experiment", "cross"}, {"train_set", set}}, key);
  };
  {
    const auto bx_x = cross("2d", "eval.band_x.x"), bx_y = cross("2d", "eval.band_x.y");
    const auto by_x = cross("2d", "eval.band_y.x"), by_y = cross("2d", "eval.band_y.y");
    const bool m = bx_x && bx_y && by_x && by_y;
    const bool holds = m && *bx_x < kFailedAccuracy && *bx_y >= kComposedAccuracy && *by_y < kFailedAccuracy &&
                       *by_x >= kComposedAccuracy;
    out.push_back({exp,
                   "Trained on 2D examples with the cross held out, the model composes but cannot interpolate: "
                   "in each band the held-out coordinate is wrong, the other right",
                   "2d: vertical band x " + pct(bx_x) + ", y " + pct(bx_y) + "; horizontal band x " + pct(by_x) + ", y " +
                       pct(by_y),
                   "held-out coordinate < " + pct(kFailedAccuracy) + " and the other >= " + pct(kComposedAccuracy) +
                       " in both bands",
                   verdict_of(m, holds)});
  }
  {
    const auto vx = cross("union", "eval.band_x.joint"), hy = cross("union", "eval.band_y.joint"),
               in = cross("union", "eval.intersection.joint");
    const bool m = vx && hy && in;
    out.push_back({exp,
                   "With 1D stripes over the full range added (union), composition works in the held-out cross",
                   "union joint accuracy: vertical band " + pct(vx) + ", horizontal band " + pct(hy) + ", intersection " +
                       pct(in),
                   "joint accuracy >= " + pct(kComposedAccuracy) + " in all three regions",
                   verdict_of(m, m && std::min({*vx, *hy, *in}) >= kComposedAccuracy)});
  }
  {
    const auto d2 = cross("2d", "eval.intersection.joint"), d1 = cross("1d", "eval.intersection.joint"),
               un = cross("union", "eval.intersection.joint");
    const bool m = d2 && d1 && un;
    out.push_back({exp, "Adding 1D stripes (isolated factors) improves compositional generalization",
                   "intersection joint accuracy: 2d " + pct(d2) + ", 1d " + pct(d1) + ", union " + pct(un),
                   "1d and union both above 2d in the intersection", verdict_of(m, m && *d1 > *d2 && *un > *d2)});
  }
  {
    const auto rim = cross("1d", "eval.intersection.joint"), norim = cross("1d_norim", "eval.intersection.joint");
    const bool m = rim && norim;
    out.push_back({exp, "Compositional examples matter: 1D stripes without the rim of 2D examples generalize worse",
                   "intersection joint accuracy: 1d " + pct(rim) + ", 1d without rim " + pct(norim),
                   "1d without rim below 1d with rim", verdict_of(m, m && *norim < *rim)});
  }
  {
    const std::map<double, double> lesion = holdout_curve(runs, "lesion", "joint");
    const bool m = lesion.size() >= 2;
    const bool holds = m && lesion.rbegin()->second < kFailedAccuracy && lesion.rbegin()->second < lesion.begin()->second;
    out.push_back({exp, "Interpolation inside a gap fails, the more so the wider the gap (lesion widths 1, 3.5, 8)",
                   "OOD joint accuracy by lesion width: " + series_text(lesion, "w"),
                   "at the widest lesion < " + pct(kFailedAccuracy) + " and below the narrowest", verdict_of(m, holds)});
  }
  {
    const std::map<double, double> in = holdout_curve(runs, "interior", "joint"),
                                    ex = holdout_curve(runs, "exterior", "joint");
    const bool m = in.size() >= 2 && ex.size() >= 2;
    const bool holds = m && in.rbegin()->second <= in.begin()->second && ex.rbegin()->second <= ex.begin()->second;
    out.push_back({exp, "Held-out W x W blocks: accuracy falls as W grows, inside (interior) and at a corner (exterior)",
                   "OOD joint accuracy: interior " + series_text(in, "W") + "; exterior " + series_text(ex, "W"),
                   "for both, accuracy at the largest W <= at the smallest W", verdict_of(m, holds)});
  }
  return out;
}

}  // namespace factorlab
