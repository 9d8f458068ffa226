// factorlab/percolation/curves.cpp — see curves.h.
#include "factorlab/percolation/curves.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <thread>

#include "factorlab/core/progress.h"
#include "factorlab/core/threads.h"
#include "factorlab/percolation/overlap.h"

namespace factorlab {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Runs body(worker, k) for k in [0, n), worker w taking the contiguous block [w n / T, (w + 1) n / T).
// Each k writes its own output slot, so the result does not depend on the split.
template <class Body>
void parallel_for(int n, int threads, Body body) {
  const int workers = std::max(1, std::min(threads, n));
  if (workers == 1) {
    for (int k = 0; k < n; ++k) body(0, k);
    return;
  }
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(workers));
  std::vector<std::thread> pool;
  for (int w = 0; w < workers; ++w) {
    pool.emplace_back([&, w] {
      try {
        const int lo = static_cast<int>(static_cast<std::int64_t>(n) * w / workers);
        const int hi = static_cast<int>(static_cast<std::int64_t>(n) * (w + 1) / workers);
        for (int k = lo; k < hi; ++k) body(w, k);
      } catch (...) {
        errors[static_cast<std::size_t>(w)] = std::current_exception();
      }
    });
  }
  for (auto& t : pool) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}
}  // namespace

LinkSet link_set(const PercolationConfig& c, double sigma) {
  const bool nearest = c.links == LinkRule::NearestNeighbour;
  if (c.overlap == OverlapModel::Pixel) {
    const int N = c.N;
    const bool periodic = c.periodic;
    return make_link_set([&](double dx, double dy) { return pixel_overlap(sigma, dx, dy, N, periodic); }, c.d,
                         c.threshold, pixel_search_radius(sigma, c.threshold), c.L, nearest);
  }
  return make_link_set([&](double dx, double dy) { return analytic_overlap(sigma, std::hypot(dx, dy)); }, c.d,
                       c.threshold, analytic_link_radius(sigma, c.threshold), c.L, nearest);
}

LambdaPoint summarize(double lambda, const std::vector<TrialResult>& trials) {
  LambdaPoint p;
  p.lambda = lambda;
  p.trials = static_cast<int>(trials.size());
  if (trials.empty()) return p;
  double spans = 0;
  for (const TrialResult& t : trials) {
    p.mean_ratio += t.ratio();
    p.mean_kept += t.kept;
    p.mean_largest += t.largest;
    spans += (t.spans_rows ? 1 : 0) + (t.spans_cols ? 1 : 0);
  }
  const double n = static_cast<double>(trials.size());
  p.mean_ratio /= n;
  p.mean_kept /= n;
  p.mean_largest /= n;
  p.span_prob = spans / (2 * n);
  if (trials.size() > 1) {
    double ss = 0;
    for (const TrialResult& t : trials) ss += (t.ratio() - p.mean_ratio) * (t.ratio() - p.mean_ratio);
    p.std_ratio = std::sqrt(ss / (n - 1));
  }
  return p;
}

double stays_above(const std::vector<double>& x, const std::vector<double>& y, double level) {
  const std::size_t n = std::min(x.size(), y.size());
  std::size_t last_below = n;
  for (std::size_t k = 0; k < n; ++k)
    if (y[k] < level) last_below = k;
  if (last_below == n || last_below + 1 == n) return kNaN;
  const std::size_t k = last_below;
  return x[k] + (level - y[k]) * (x[k + 1] - x[k]) / (y[k + 1] - y[k]);
}

double steepest_rise(const std::vector<double>& x, const std::vector<double>& y) {
  double best = 0, at = kNaN;
  for (std::size_t k = 0; k + 1 < std::min(x.size(), y.size()); ++k) {
    if (!(x[k] > 0)) continue;
    const double slope = (y[k + 1] - y[k]) / (x[k + 1] - x[k]);
    if (slope > best) {
      best = slope;
      at = 0.5 * (x[k] + x[k + 1]);
    }
  }
  return at;
}

double median(std::vector<double> v) {
  if (v.empty()) return kNaN;
  for (double& e : v)
    if (std::isnan(e)) e = std::numeric_limits<double>::infinity();
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  const double m = n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
  return std::isfinite(m) ? m : kNaN;
}

std::vector<double> first_spanning_fractions(int L, const LinkSet& links, int trials, std::uint64_t seed,
                                             const std::string& key, int threads) {
  const int workers = std::max(1, std::min(threads, trials));
  std::vector<SiteLattice> lattices(static_cast<std::size_t>(workers), SiteLattice(L, links));
  std::vector<double> out(2 * static_cast<std::size_t>(trials));
  parallel_for(trials, workers, [&](int w, int t) {
    Rng rng = Rng::derive(seed, key, static_cast<std::uint64_t>(t));
    const SpanningFractions f = lattices[static_cast<std::size_t>(w)].first_spanning(rng);
    out[2 * static_cast<std::size_t>(t)] = f.rows;
    out[2 * static_cast<std::size_t>(t) + 1] = f.cols;
  });
  return out;
}

PercolationRun run_percolation(const PercolationConfig& c, int threads) {
  c.validate();
  PercolationRun run;
  run.threads = resolve_threads(threads);
  const std::uint64_t seed = static_cast<std::uint64_t>(c.seed);
  const std::size_t S = c.sigma.size();
  Progress progress("percolate", static_cast<std::int64_t>(S * (c.lambda.size() + 1)), "points");
  for (std::size_t s = 0; s < S; ++s) {
    SigmaCurve curve;
    curve.sigma = c.sigma[s];
    auto t0 = std::chrono::steady_clock::now();
    curve.links = link_set(c, curve.sigma);
    run.links_s += seconds_since(t0);

    t0 = std::chrono::steady_clock::now();
    const int workers = std::max(1, std::min(run.threads, c.trials));
    std::vector<SiteLattice> lattices(static_cast<std::size_t>(workers), SiteLattice(c.L, curve.links));
    std::vector<TrialResult> results(static_cast<std::size_t>(c.trials));
    std::vector<double> xs, ratios, spans;
    for (std::size_t l = 0; l < c.lambda.size(); ++l) {
      const std::string key = "percolation.sweep." + std::to_string(s) + "." + std::to_string(l);
      const double lambda = c.lambda[l];
      parallel_for(c.trials, workers, [&](int w, int t) {
        Rng rng = Rng::derive(seed, key, static_cast<std::uint64_t>(t));
        results[static_cast<std::size_t>(t)] = lattices[static_cast<std::size_t>(w)].run(lambda, rng);
      });
      curve.points.push_back(summarize(lambda, results));
      xs.push_back(lambda);
      ratios.push_back(curve.points.back().mean_ratio);
      spans.push_back(curve.points.back().span_prob);
      progress.advance(1, "sigma " + format_number(curve.sigma));
    }
    run.sweep_s += seconds_since(t0);

    t0 = std::chrono::steady_clock::now();
    curve.spanning = first_spanning_fractions(c.L, curve.links, c.trials, seed,
                                              "percolation.spanning." + std::to_string(s), run.threads);
    run.spanning_s += seconds_since(t0);
    progress.advance(1, "sigma " + format_number(curve.sigma));

    curve.critical = {stays_above(xs, ratios, 0.5), stays_above(xs, spans, 0.5), steepest_rise(xs, ratios),
                      median(curve.spanning)};
    run.curves.push_back(std::move(curve));
  }
  // No progress.finish(): the last advance() has drawn the final line already, and finish() would
  // draw it a second time; the destructor ends the line on a terminal.
  return run;
}

std::vector<OverlapRow> overlap_curves(const PercolationConfig& c) {
  c.validate();
  const double sigma_max = *std::max_element(c.sigma.begin(), c.sigma.end());
  const double top = std::max(4.0 * sigma_max, 3.0 * c.d);
  const double step = std::max(c.d / 20.0, top / 2000.0);  // at most ~2000 rows per sigma
  const std::vector<double> distances = range_values(0.0, top, step, "overlap distances");
  std::vector<OverlapRow> rows;
  for (double sigma : c.sigma) {
    for (double distance : distances) {
      OverlapRow r;
      r.sigma = sigma;
      r.distance = distance;
      r.analytic = analytic_overlap(sigma, r.distance);
      r.pixel_open = r.distance <= c.N - 1.0 ? pixel_overlap(sigma, r.distance, 0.0, c.N, false) : kNaN;
      r.pixel_periodic = r.distance <= c.N / 2.0 ? pixel_overlap(sigma, r.distance, 0.0, c.N, true) : kNaN;
      rows.push_back(r);
    }
  }
  return rows;
}

}  // namespace factorlab
