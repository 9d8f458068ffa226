// factorlab/analysis/umap.cpp — see umap.h. Constants and step order follow umap-learn 0.5
// (umap_.py: smooth_knn_dist, compute_membership_strengths, fuzzy_simplicial_set, find_ab_params,
// simplicial_set_embedding; spectral.py; layouts.py: optimize_layout_euclidean).
#include "factorlab/analysis/umap.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <sstream>
#include <thread>
#include <tuple>
#include <vector>

#include <Eigen/Eigenvalues>

#include "factorlab/core/error.h"
#include "factorlab/core/fs.h"
#include "factorlab/core/log.h"
#include "factorlab/core/progress.h"
#include "factorlab/core/rng.h"

namespace factorlab {
namespace {

constexpr double kSmoothKTolerance = 1e-5;  // umap-learn SMOOTH_K_TOLERANCE
constexpr double kMinKDistScale = 1e-3;     // umap-learn MIN_K_DIST_SCALE
constexpr int kDefaultEpochsSmall = 500, kDefaultEpochsLarge = 200, kLargeN = 10000;
constexpr Eigen::Index kSgdChunk = 64;      // vertices per SGD work unit (one random stream each)

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Flips each column so that its largest-magnitude entry (first on ties) is positive.
void fix_signs(Points& v) {
  for (Eigen::Index c = 0; c < v.cols(); ++c) {
    Eigen::Index arg = 0;
    for (Eigen::Index i = 1; i < v.rows(); ++i)
      if (std::abs(v(i, c)) > std::abs(v(arg, c))) arg = i;
    if (v(arg, c) < 0) v.col(c) *= -1.0;
  }
}

// PCA scores of the top nc components by randomized subspace iteration (Halko, Martinsson & Tropp 2011,
// four power steps): only 2 or 3 components are needed, so this is far cheaper than pca.h's full
// eigendecomposition for thousands of points. Centring is applied implicitly (no copy of the data).
Points pca_scores(const Points& x, int nc, std::uint64_t seed) {
  const Eigen::Index n = x.rows(), dim = x.cols();
  const Eigen::RowVectorXd mu = x.colwise().mean();
  const Eigen::Index l = std::min<Eigen::Index>(nc + 8, std::min(n, dim));
  Rng rng = Rng::derive(seed, "umap.pca");
  Eigen::MatrixXd omega(dim, l);
  for (Eigen::Index j = 0; j < l; ++j)
    for (Eigen::Index i = 0; i < dim; ++i) omega(i, j) = rng.normal();
  auto times = [&](const Eigen::MatrixXd& b) -> Eigen::MatrixXd {  // (x - 1 mu) b: [n, l]
    Eigen::MatrixXd r = x * b;
    r.rowwise() -= mu * b;
    return r;
  };
  auto times_t = [&](const Eigen::MatrixXd& q) -> Eigen::MatrixXd {  // (x - 1 mu)^T q: [dim, l]
    Eigen::MatrixXd r = x.transpose() * q;
    r -= mu.transpose() * q.colwise().sum();
    return r;
  };
  auto orth = [](const Eigen::MatrixXd& a) -> Eigen::MatrixXd {
    Eigen::HouseholderQR<Eigen::MatrixXd> qr(a);
    return qr.householderQ() * Eigen::MatrixXd::Identity(a.rows(), a.cols());
  };
  Eigen::MatrixXd q = orth(times(omega));
  for (int it = 0; it < 4; ++it) q = orth(times(orth(times_t(q))));
  const Eigen::MatrixXd bt = times_t(q);  // [dim, l] = (q^T xc)^T
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(bt.transpose() * bt);  // ascending
  Points scores = Points::Zero(n, nc);
  for (Eigen::Index c = 0; c < std::min<Eigen::Index>(nc, l); ++c) {
    const Eigen::Index e = l - 1 - c;
    scores.col(c) = q * eig.eigenvectors().col(e) * std::sqrt(std::max(0.0, eig.eigenvalues()(e)));
  }
  fix_signs(scores);
  return scores;
}

// umap-learn's noisy_scale_coords, then simplicial_set_embedding's rescale of each axis to [0, 10].
void scale_initial(Points& y, Rng& rng) {
  const double m = y.cwiseAbs().maxCoeff();
  if (m > 0) y *= 10.0 / m;
  for (Eigen::Index i = 0; i < y.size(); ++i) y.data()[i] += 1e-4 * rng.normal();
  for (Eigen::Index c = 0; c < y.cols(); ++c) {
    const double lo = y.col(c).minCoeff(), range = y.col(c).maxCoeff() - lo;
    if (range > 0) y.col(c) = (y.col(c).array() - lo) * (10.0 / range);
    else y.col(c).setZero();
  }
}

// ---- SGD (layouts.py optimize_layout_euclidean) ----

struct Schedule {
  std::vector<std::int64_t> begin;  // [n + 1] CSR offsets: the edges whose head is vertex i
  std::vector<int> tail;
  std::vector<double> epochs_per_sample, next_sample, next_negative;
};

Schedule make_schedule(const SparseGraph& g, double negative_sample_rate) {
  Schedule s;
  const double w_max = g.nonZeros() > 0 ? g.coeffs().maxCoeff() : 1.0;
  s.begin.assign(static_cast<std::size_t>(g.rows()) + 1, 0);
  for (Eigen::Index i = 0; i < g.outerSize(); ++i) {
    for (SparseGraph::InnerIterator it(g, i); it; ++it) {
      s.tail.push_back(static_cast<int>(it.col()));
      s.epochs_per_sample.push_back(w_max / it.value());  // = n_epochs / (n_epochs * w / w_max)
    }
    s.begin[static_cast<std::size_t>(i) + 1] = static_cast<std::int64_t>(s.tail.size());
  }
  s.next_sample = s.epochs_per_sample;
  s.next_negative = s.epochs_per_sample;
  for (double& e : s.next_negative) e /= negative_sample_rate;
  return s;
}

inline double load(const double& v) { return v; }
inline void store(double& v, double x) { v = x; }
// threads > 1: coordinates are relaxed atomics, so concurrent updates race (Hogwild) without being
// undefined behaviour; on x86-64 these are plain loads and stores.
inline double load(const std::atomic<double>& v) { return v.load(std::memory_order_relaxed); }
inline void store(std::atomic<double>& v, double x) { v.store(x, std::memory_order_relaxed); }
inline double clip4(double g) { return std::min(4.0, std::max(-4.0, g)); }

struct SgdParams {
  int dim = 2;
  double a = 0, b = 0, gamma = 1, negative_sample_rate = 5;
  std::uint64_t seed = 0;
  std::int64_t n_chunks = 0;
};

// One epoch over the vertex chunks [c0, c1). Each chunk draws its negatives from its own stream,
// derived from (seed, epoch, chunk), so the draws do not depend on the thread count.
template <class Coord>
void sgd_chunks(Coord* y, Schedule& s, const SgdParams& p, int epoch, double alpha, std::int64_t c0, std::int64_t c1) {
  const std::int64_t n = static_cast<std::int64_t>(s.begin.size()) - 1;
  const int dim = p.dim;
  double cur[3], oth[3];
  for (std::int64_t c = c0; c < c1; ++c) {
    Rng rng = Rng::derive(p.seed, "umap.sgd", static_cast<std::uint64_t>(epoch) * p.n_chunks + c);
    const std::int64_t v1 = std::min<std::int64_t>(n, (c + 1) * kSgdChunk);
    for (std::int64_t i = c * kSgdChunk; i < v1; ++i) {
      for (std::int64_t e = s.begin[i]; e < s.begin[i + 1]; ++e) {
        if (s.next_sample[e] > epoch) continue;
        const std::int64_t j = s.tail[e];
        double d2 = 0;
        for (int d = 0; d < dim; ++d) {
          cur[d] = load(y[i * dim + d]);
          oth[d] = load(y[j * dim + d]);
          d2 += (cur[d] - oth[d]) * (cur[d] - oth[d]);
        }
        // -2ab d^(2(b-1)) / (1 + a d^(2b)), with one pow: d^(2(b-1)) = d^(2b) / d^2.
        const double pd2b = d2 > 0 ? std::pow(d2, p.b) : 0.0;
        const double attract = d2 > 0 ? -2.0 * p.a * p.b * pd2b / (d2 * (p.a * pd2b + 1.0)) : 0.0;
        for (int d = 0; d < dim; ++d) {
          const double g = clip4(attract * (cur[d] - oth[d]));
          cur[d] += g * alpha;
          store(y[i * dim + d], cur[d]);
          store(y[j * dim + d], oth[d] - g * alpha);
        }
        s.next_sample[e] += s.epochs_per_sample[e];

        const double epochs_per_negative = s.epochs_per_sample[e] / p.negative_sample_rate;
        const int n_neg = static_cast<int>((epoch - s.next_negative[e]) / epochs_per_negative);
        for (int q = 0; q < n_neg; ++q) {
          const std::int64_t k = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(n)));
          if (k == i) continue;
          d2 = 0;
          for (int d = 0; d < dim; ++d) {
            oth[d] = load(y[k * dim + d]);
            d2 += (cur[d] - oth[d]) * (cur[d] - oth[d]);
          }
          if (!(d2 > 0)) continue;  // a coincident point gives no direction to move in
          const double repel = 2.0 * p.gamma * p.b / ((0.001 + d2) * (p.a * std::pow(d2, p.b) + 1.0));
          for (int d = 0; d < dim; ++d) {
            cur[d] += clip4(repel * (cur[d] - oth[d])) * alpha;
            store(y[i * dim + d], cur[d]);
          }
        }
        s.next_negative[e] += n_neg * epochs_per_negative;
      }
    }
  }
}

template <class Coord>
void run_epochs(Coord* y, Schedule& s, const SgdParams& p, int n_epochs, double learning_rate, int threads) {
  Progress progress("umap", n_epochs, "epoch");
  const int t_count = static_cast<int>(std::max<std::int64_t>(1, std::min<std::int64_t>(threads, p.n_chunks)));
  for (int epoch = 0; epoch < n_epochs; ++epoch) {
    const double alpha = learning_rate * (1.0 - static_cast<double>(epoch) / n_epochs);
    if (t_count == 1) {
      sgd_chunks(y, s, p, epoch, alpha, 0, p.n_chunks);
    } else {
      std::vector<std::thread> pool;
      for (int t = 1; t < t_count; ++t)
        pool.emplace_back([&, t] {
          sgd_chunks(y, s, p, epoch, alpha, p.n_chunks * t / t_count, p.n_chunks * (t + 1) / t_count);
        });
      sgd_chunks(y, s, p, epoch, alpha, 0, p.n_chunks / t_count);
      for (auto& th : pool) th.join();
    }
    progress.advance();  // draws the final line itself when the last epoch is done
  }
}

void optimize(Points& embedding, Schedule& s, const SgdParams& p, int n_epochs, double learning_rate, int threads) {
  const std::size_t size = static_cast<std::size_t>(embedding.size());
  if (threads <= 1) {
    std::vector<double> y(embedding.data(), embedding.data() + size);
    run_epochs(y.data(), s, p, n_epochs, learning_rate, 1);
    std::copy(y.begin(), y.end(), embedding.data());
    return;
  }
  std::unique_ptr<std::atomic<double>[]> y(new std::atomic<double>[size]);
  for (std::size_t i = 0; i < size; ++i) y[i].store(embedding.data()[i], std::memory_order_relaxed);
  run_epochs(y.get(), s, p, n_epochs, learning_rate, threads);
  for (std::size_t i = 0; i < size; ++i) embedding.data()[i] = y[i].load(std::memory_order_relaxed);
}

}  // namespace

FuzzyGraph fuzzy_simplicial_set(const KnnResult& knn) {
  const Eigen::Index n = knn.indices.rows(), k = knn.indices.cols();
  require(n >= 2 && k >= 1 && knn.distances.rows() == n && knn.distances.cols() == k,
          "fuzzy_simplicial_set: a kNN table of at least 2 points and 1 neighbour is needed");
  const double target = std::log2(static_cast<double>(k + 1));  // umap-learn's k counts the point itself
  const double mean_all = knn.distances.mean();
  FuzzyGraph g;
  g.rho = Eigen::VectorXd::Zero(n);
  g.sigma = Eigen::VectorXd::Zero(n);
  std::vector<Eigen::Triplet<double>> triplets;
  triplets.reserve(static_cast<std::size_t>(n * k));
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto d = knn.distances.row(i);
    double rho = 0;  // local_connectivity = 1: the first positive distance
    for (Eigen::Index j = 0; j < k; ++j)
      if (d(j) > 0) {
        rho = d(j);
        break;
      }
    double lo = 0, hi = std::numeric_limits<double>::infinity(), mid = 1.0;
    for (int it = 0; it < 64; ++it) {
      double psum = 0;
      for (Eigen::Index j = 0; j < k; ++j) psum += d(j) - rho > 0 ? std::exp(-(d(j) - rho) / mid) : 1.0;
      if (std::abs(psum - target) < kSmoothKTolerance) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = std::isinf(hi) ? mid * 2 : (lo + hi) / 2;
      }
    }
    const double floor_scale = kMinKDistScale * (rho > 0 ? d.mean() : mean_all);
    g.rho(i) = rho;
    g.sigma(i) = std::max(mid, floor_scale);
    for (Eigen::Index j = 0; j < k; ++j) {
      const double w = (d(j) - rho <= 0 || g.sigma(i) == 0) ? 1.0 : std::exp(-(d(j) - rho) / g.sigma(i));
      triplets.emplace_back(static_cast<int>(i), knn.indices(i, j), w);
    }
  }
  SparseGraph a(n, n);
  a.setFromTriplets(triplets.begin(), triplets.end());
  const SparseGraph at = a.transpose();
  g.weights = a + at - SparseGraph(a.cwiseProduct(at));
  g.weights.prune(0.0);
  return g;
}

std::pair<double, double> find_ab(double spread, double min_dist) {
  require(spread > 0 && min_dist >= 0, "find_ab: spread must be positive and min_dist non-negative");
  constexpr int kGrid = 300;
  std::vector<double> xs, ys;
  for (int g = 1; g < kGrid; ++g) {  // x = 0 (g = 0) fits exactly for any a, b and adds nothing
    const double x = 3.0 * spread * g / (kGrid - 1);
    xs.push_back(x);
    ys.push_back(x < min_dist ? 1.0 : std::exp(-(x - min_dist) / spread));
  }
  auto sum_sq = [&](double a, double b) {
    double ss = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const double r = ys[i] - 1.0 / (1.0 + a * std::pow(xs[i], 2 * b));
      ss += r * r;
    }
    return ss;
  };
  double a = 1.0, b = 1.0, ss = sum_sq(a, b), lambda = 1e-3;  // scipy curve_fit's start (1, 1)
  for (int it = 0; it < 500; ++it) {
    Eigen::Matrix2d jtj = Eigen::Matrix2d::Zero();
    Eigen::Vector2d jtr = Eigen::Vector2d::Zero();
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const double p = std::pow(xs[i], 2 * b), f = 1.0 / (1.0 + a * p);
      const Eigen::Vector2d grad(-p * f * f, -a * p * 2.0 * std::log(xs[i]) * f * f);  // d f / d(a, b)
      jtj += grad * grad.transpose();
      jtr += grad * (ys[i] - f);
    }
    bool improved = false;
    while (lambda < 1e12) {
      Eigen::Matrix2d damped = jtj;
      damped.diagonal() *= 1.0 + lambda;
      const Eigen::Vector2d step = damped.ldlt().solve(jtr);
      const double ss_new = sum_sq(a + step(0), b + step(1));
      if (ss_new < ss) {
        const double drop = ss - ss_new;
        a += step(0);
        b += step(1);
        ss = ss_new;
        lambda = std::max(lambda / 10, 1e-12);
        improved = drop > 1e-15 * ss;
        break;
      }
      lambda *= 10;
    }
    if (!improved) break;
  }
  return {a, b};
}

int connected_components(const SparseGraph& graph, std::vector<int>* labels) {
  const Eigen::Index n = graph.rows();
  std::vector<int> comp(static_cast<std::size_t>(n), -1), stack;
  int count = 0;
  for (Eigen::Index s = 0; s < n; ++s) {
    if (comp[static_cast<std::size_t>(s)] >= 0) continue;
    comp[static_cast<std::size_t>(s)] = count;
    stack.assign(1, static_cast<int>(s));
    while (!stack.empty()) {
      const int v = stack.back();
      stack.pop_back();
      for (SparseGraph::InnerIterator it(graph, v); it; ++it)
        if (comp[static_cast<std::size_t>(it.col())] < 0) {
          comp[static_cast<std::size_t>(it.col())] = count;
          stack.push_back(static_cast<int>(it.col()));
        }
    }
    ++count;
  }
  if (labels) *labels = std::move(comp);
  return count;
}

SpectralResult spectral_layout(const SparseGraph& graph, int n_components, std::uint64_t seed) {
  SpectralResult out;
  const Eigen::Index n = graph.rows(), nc = n_components;
  if (n < nc + 2) {
    out.note = "spectral initialisation needs at least n_components + 2 points";
    return out;
  }
  const int n_comp = connected_components(graph);
  if (n_comp > 1) {
    out.note = "the kNN graph has " + std::to_string(n_comp) + " connected components (a connected graph is needed)";
    return out;
  }
  // M = D^-1/2 W D^-1/2 shares its eigenvectors with L = I - M, in reverse order; v0 = D^1/2 1 / |.|
  // (eigenvalue 1 of M) is projected out, so the wanted vectors are M's largest in the complement.
  const Eigen::VectorXd degree = graph * Eigen::VectorXd::Ones(n);
  const Eigen::VectorXd v0 = degree.cwiseSqrt().normalized();
  SparseGraph m = graph;
  for (Eigen::Index i = 0; i < m.outerSize(); ++i)
    for (SparseGraph::InnerIterator it(m, i); it; ++it)
      it.valueRef() /= std::sqrt(degree(i) * degree(it.col()));

  const Eigen::Index p = std::min<Eigen::Index>(nc + 1, n - 1);                   // block size (one guard)
  const Eigen::Index width = std::min<Eigen::Index>(n - 1, std::max<Eigen::Index>(8 * p, 64));  // basis
  const Eigen::Index keep = std::max(nc, width / 2);  // Ritz vectors kept over a restart
  constexpr int kMaxRestarts = 300;  // a clean 4000-point circle (gap ~1e-5) needs ~90
  constexpr double kTol = 1e-4;
  const double eps23 = std::pow(std::numeric_limits<double>::epsilon(), 2.0 / 3.0);

  Rng rng = Rng::derive(seed, "umap.spectral");
  Eigen::MatrixXd v(n, width);
  Eigen::Index filled = 0;
  // Appends x orthonormalized against v0 and the basis (classical Gram-Schmidt, twice); a vector that
  // vanishes (the Krylov space became invariant) is replaced by a random one.
  auto append = [&](Eigen::VectorXd x) {
    for (;;) {
      const double before = x.norm();
      for (int pass = 0; pass < 2; ++pass) {
        x -= v0 * v0.dot(x);
        x -= v.leftCols(filled) * (v.leftCols(filled).transpose() * x);
      }
      if (x.norm() > 1e-8 * before && before > 0) break;
      for (Eigen::Index i = 0; i < n; ++i) x(i) = rng.normal();
    }
    v.col(filled++) = x.normalized();
  };
  for (Eigen::Index c = 0; c < p; ++c) {
    Eigen::VectorXd x(n);
    for (Eigen::Index i = 0; i < n; ++i) x(i) = rng.normal();
    append(x);
  }
  for (int restart = 0;; ++restart) {
    while (filled < width) {
      const Eigen::Index b = std::min(p, width - filled);
      const Eigen::MatrixXd next = m * v.middleCols(filled - p, b);
      for (Eigen::Index c = 0; c < b; ++c) append(next.col(c));
    }
    const Eigen::MatrixXd mv = m * v;
    Eigen::MatrixXd h = v.transpose() * mv;
    h = 0.5 * (h + h.transpose()).eval();
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(h);  // ascending: the wanted are at the end
    const Eigen::MatrixXd s = eig.eigenvectors().rowwise().reverse();
    const Eigen::VectorXd theta = eig.eigenvalues().reverse();
    const Eigen::MatrixXd y = v * s.leftCols(keep);
    const Eigen::MatrixXd r = mv * s.leftCols(keep) - y * theta.head(keep).asDiagonal();
    bool converged = width == n - 1;  // the basis spans the whole complement: Rayleigh-Ritz is exact
    if (!converged) {
      converged = true;
      for (Eigen::Index j = 0; j < nc; ++j)
        converged = converged && r.col(j).norm() <= kTol * std::max(eps23, std::abs(1.0 - theta(j)));
    }
    out.restarts = restart;
    if (converged) {
      out.ok = true;
      out.vectors = y.leftCols(nc);
      out.eigenvalues = (1.0 - theta.head(nc).array()).matrix();
      fix_signs(out.vectors);
      return out;
    }
    if (restart == kMaxRestarts) break;
    // Thick restart: keep the best Ritz vectors, continue the Krylov space from the top residuals.
    v.leftCols(keep) = y;
    filled = keep;
    for (Eigen::Index c = 0; c < p; ++c) append(r.col(c));
  }
  out.note = "the eigensolver did not converge in " + std::to_string(kMaxRestarts) +
             " restarts (eigengap too small)";
  return out;
}

UmapResult umap(const Points& points, const UmapConfig& config) {
  config.validate();
  const Eigen::Index n = points.rows(), nc = config.n_components;
  require(n >= nc + 2 && points.cols() >= 1, "UMAP needs at least n_components + 2 = " + std::to_string(nc + 2) +
                                                 " points with at least 1 feature, got [" + std::to_string(n) +
                                                 ", " + std::to_string(points.cols()) + "]");
  require(points.allFinite(), "UMAP: the points contain NaN or infinite values");
  UmapResult res;
  const auto seed = static_cast<std::uint64_t>(config.seed);

  auto t0 = std::chrono::steady_clock::now();
  const int k = static_cast<int>(std::min<Eigen::Index>(config.n_neighbors - 1, n - 1));
  res.n_neighbors_used = k + 1;
  KnnConfig kc;
  kc.method = config.knn;
  kc.exact_max_points = config.knn_exact_max_points;
  kc.seed = config.seed;
  kc.threads = config.threads;
  const KnnResult nn = knn(points, k, kc);
  res.knn_used = nn.method;
  res.seconds_knn = seconds_since(t0);

  t0 = std::chrono::steady_clock::now();
  FuzzyGraph fuzzy = fuzzy_simplicial_set(nn);
  const int default_epochs = n <= kLargeN ? kDefaultEpochsSmall : kDefaultEpochsLarge;
  res.n_epochs = config.n_epochs > 0 ? config.n_epochs : default_epochs;
  SparseGraph& graph = fuzzy.weights;
  const double w_max = graph.nonZeros() > 0 ? graph.coeffs().maxCoeff() : 1.0;
  const double cut = w_max / (res.n_epochs > 10 ? res.n_epochs : default_epochs);
  graph.prune([cut](Eigen::Index, Eigen::Index, double w) { return w >= cut; });
  res.graph_components = connected_components(graph);
  res.n_edges = graph.nonZeros();
  std::tie(res.a, res.b) = find_ab(config.spread, config.min_dist);
  res.seconds_graph = seconds_since(t0);

  t0 = std::chrono::steady_clock::now();
  Points init;
  res.init_used = UmapInit::Pca;
  if (config.init == UmapInit::Spectral) {
    SpectralResult sr = spectral_layout(graph, config.n_components, seed);
    res.spectral_restarts = sr.restarts;
    if (sr.ok) {
      init = std::move(sr.vectors);
      res.init_used = UmapInit::Spectral;
    } else {
      res.init_note = "spectral initialisation failed: " + sr.note + "; used PCA instead";
      log_info("umap: ", res.init_note);
    }
  }
  if (res.init_used == UmapInit::Pca) init = pca_scores(points, config.n_components, seed);
  Rng noise = Rng::derive(seed, "umap.init_noise");
  scale_initial(init, noise);
  res.seconds_init = seconds_since(t0);

  t0 = std::chrono::steady_clock::now();
  Schedule schedule = make_schedule(graph, config.negative_sample_rate);
  SgdParams sp;
  sp.dim = config.n_components;
  sp.a = res.a;
  sp.b = res.b;
  sp.gamma = config.repulsion_strength;
  sp.negative_sample_rate = config.negative_sample_rate;
  sp.seed = seed;
  sp.n_chunks = (n + kSgdChunk - 1) / kSgdChunk;
  optimize(init, schedule, sp, res.n_epochs, config.learning_rate, config.threads);
  res.embedding = std::move(init);
  res.seconds_optimize = seconds_since(t0);
  return res;
}

void write_embedding_csv(const std::string& path, const Points& embedding, const Points& labels) {
  require(labels.rows() == embedding.rows() && labels.cols() == 2,
          "write_embedding_csv: labels must be [" + std::to_string(embedding.rows()) + ", 2] (mu_x, mu_y), got [" +
              std::to_string(labels.rows()) + ", " + std::to_string(labels.cols()) + "]");
  std::ostringstream os;
  os << "index,mu_x,mu_y";
  for (Eigen::Index c = 0; c < embedding.cols(); ++c) os << ",u" << c + 1;
  os << '\n';
  for (Eigen::Index i = 0; i < embedding.rows(); ++i) {
    os << i << ',' << format_number(labels(i, 0)) << ',' << format_number(labels(i, 1));
    for (Eigen::Index c = 0; c < embedding.cols(); ++c) os << ',' << format_number(embedding(i, c));
    os << '\n';
  }
  write_file_atomic(path, os.str());
}

Json to_json(const UmapResult& r) {
  return Json{{"n_points", r.embedding.rows()},
              {"n_components", r.embedding.cols()},
              {"init", enum_name(r.init_used, kUmapInitNames)},
              {"init_note", r.init_note},
              {"knn", enum_name(r.knn_used, kKnnMethodNames)},
              {"n_neighbors", r.n_neighbors_used},
              {"n_epochs", r.n_epochs},
              {"a", r.a},
              {"b", r.b},
              {"graph_components", r.graph_components},
              {"n_edges", r.n_edges},
              {"spectral_restarts", r.spectral_restarts},
              {"seconds", {{"knn", r.seconds_knn}, {"graph", r.seconds_graph}, {"init", r.seconds_init},
                           {"optimize", r.seconds_optimize}}}};
}

}  // namespace factorlab
