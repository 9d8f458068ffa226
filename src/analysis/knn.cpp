// factorlab/analysis/knn.cpp — see knn.h. hnswlib.h defines non-inline functions, so this is the only
// translation unit that may include it.
#include "factorlab/analysis/knn.h"

#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <thread>
#include <utility>
#include <vector>

#include "factorlab/core/error.h"

namespace factorlab {
namespace {

// body(begin, end) over a static split of [0, n) into `threads` contiguous ranges; the first exception
// thrown by any range is rethrown here.
template <class F>
void parallel_ranges(int threads, std::int64_t n, F&& body) {
  const int t_count = static_cast<int>(std::max<std::int64_t>(1, std::min<std::int64_t>(threads, n)));
  if (t_count == 1) {
    body(std::int64_t{0}, n);
    return;
  }
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(t_count));
  std::vector<std::thread> pool;
  for (int t = 1; t < t_count; ++t)
    pool.emplace_back([&, t] {
      try {
        body(n * t / t_count, n * (t + 1) / t_count);
      } catch (...) {
        errors[static_cast<std::size_t>(t)] = std::current_exception();
      }
    });
  try {
    body(std::int64_t{0}, n / t_count);
  } catch (...) {
    errors[0] = std::current_exception();
  }
  for (auto& th : pool) th.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

void check_input(const Points& points, int k) {
  const auto n = points.rows();
  require(n >= 2 && points.cols() >= 1, "kNN needs at least 2 points with at least 1 feature, got [" +
                                            std::to_string(n) + ", " + std::to_string(points.cols()) + "]");
  require(k >= 1 && k <= n - 1, "kNN: k = " + std::to_string(k) + " is out of range (allowed: 1 .. n - 1 = " +
                                    std::to_string(n - 1) + ")");
  require(points.allFinite(), "kNN: the points contain NaN or infinite values");
}

// Exact distances from point i to the candidates, sorted by (distance, index); the first k go to row i.
void finish_row(const Points& points, Eigen::Index i, const std::vector<int>& candidates, int k, KnnResult& out) {
  std::vector<std::pair<double, int>> exact;
  exact.reserve(candidates.size());
  for (int j : candidates) exact.emplace_back(std::sqrt((points.row(i) - points.row(j)).squaredNorm()), j);
  std::sort(exact.begin(), exact.end());
  for (int c = 0; c < k; ++c) {
    out.distances(i, c) = exact[static_cast<std::size_t>(c)].first;
    out.indices(i, c) = exact[static_cast<std::size_t>(c)].second;
  }
}

std::vector<int> all_but(Eigen::Index n, Eigen::Index i) {
  std::vector<int> v;
  v.reserve(static_cast<std::size_t>(n));
  for (Eigen::Index j = 0; j < n; ++j)
    if (j != i) v.push_back(static_cast<int>(j));
  return v;
}

}  // namespace

Eigen::MatrixXd squared_distances(const Points& a, const Points& b) {
  require(a.cols() == b.cols(), "squared_distances: " + std::to_string(a.cols()) + " vs " +
                                    std::to_string(b.cols()) + " features");
  Eigen::MatrixXd d = -2.0 * (a * b.transpose());
  d.colwise() += a.rowwise().squaredNorm();
  d.rowwise() += b.rowwise().squaredNorm().transpose();
  return d.cwiseMax(0.0);
}

KnnResult exact_knn(const Points& points, int k, int threads) {
  check_input(points, k);
  const Eigen::Index n = points.rows();
  KnnResult out;
  out.method = KnnMethod::Exact;
  out.indices.resize(n, k);
  out.distances.resize(n, k);
  // The Gram trick only preselects: a few spare candidates absorb its rounding, then distances are exact.
  const Eigen::Index n_cand = std::min<Eigen::Index>(n - 1, k + 8);
  constexpr Eigen::Index kBlock = 256;  // rows per Gram block: [256, n] doubles in flight per thread
  const std::int64_t n_blocks = (n + kBlock - 1) / kBlock;
  parallel_ranges(threads, n_blocks, [&](std::int64_t b0, std::int64_t b1) {
    std::vector<std::pair<double, int>> all;
    std::vector<int> cand;
    for (std::int64_t b = b0; b < b1; ++b) {
      const Eigen::Index r0 = b * kBlock, rows = std::min(kBlock, n - r0);
      const Points block = points.middleRows(r0, rows);
      const Eigen::MatrixXd d2 = squared_distances(block, points);  // [rows, n]
      for (Eigen::Index r = 0; r < rows; ++r) {
        const Eigen::Index i = r0 + r;
        all.clear();
        for (Eigen::Index j = 0; j < n; ++j)
          if (j != i) all.emplace_back(d2(r, j), static_cast<int>(j));
        std::nth_element(all.begin(), all.begin() + (n_cand - 1), all.end());
        cand.clear();
        for (Eigen::Index c = 0; c < n_cand; ++c) cand.push_back(all[static_cast<std::size_t>(c)].second);
        finish_row(points, i, cand, k, out);
      }
    }
  });
  return out;
}

KnnResult hnsw_knn(const Points& points, int k, const KnnConfig& config) {
  check_input(points, k);
  config.validate();
  const Eigen::Index n = points.rows(), dim = points.cols();
  hnswlib::L2Space space(static_cast<std::size_t>(dim));
  hnswlib::HierarchicalNSW<float> index(&space, static_cast<std::size_t>(n), static_cast<std::size_t>(config.hnsw_m),
                                        static_cast<std::size_t>(config.hnsw_ef_construction),
                                        static_cast<std::size_t>(config.seed));
  // hnswlib stores float32; rows are converted one at a time so no second full copy is made here.
  auto to_f32 = [&](Eigen::Index i, std::vector<float>& buf) {
    buf.resize(static_cast<std::size_t>(dim));
    for (Eigen::Index d = 0; d < dim; ++d) buf[static_cast<std::size_t>(d)] = static_cast<float>(points(i, d));
  };
  std::vector<float> first;
  to_f32(0, first);
  index.addPoint(first.data(), 0);  // the entry point goes in alone, as hnswlib's own bindings do
  parallel_ranges(config.threads, n - 1, [&](std::int64_t a, std::int64_t b) {
    std::vector<float> buf;
    for (std::int64_t i = a + 1; i < b + 1; ++i) {
      to_f32(i, buf);
      index.addPoint(buf.data(), static_cast<hnswlib::labeltype>(i));
    }
  });
  index.setEf(static_cast<std::size_t>(std::max(config.hnsw_ef_search, k + 1)));

  KnnResult out;
  out.method = KnnMethod::Hnsw;
  out.indices.resize(n, k);
  out.distances.resize(n, k);
  parallel_ranges(config.threads, n, [&](std::int64_t a, std::int64_t b) {
    std::vector<float> buf;
    std::vector<int> cand;
    for (std::int64_t i = a; i < b; ++i) {
      to_f32(i, buf);
      auto found = index.searchKnn(buf.data(), static_cast<std::size_t>(k + 1));
      cand.clear();
      while (!found.empty()) {  // a max-heap: farthest first
        if (found.top().second != static_cast<hnswlib::labeltype>(i))
          cand.push_back(static_cast<int>(found.top().second));
        found.pop();
      }
      // Nearest first; the (k + 1)-th goes when the point itself was not among those found.
      std::reverse(cand.begin(), cand.end());
      if (static_cast<int>(cand.size()) > k) cand.resize(static_cast<std::size_t>(k));
      // An HNSW search can come back short on degenerate data; that row is then searched exactly.
      if (static_cast<int>(cand.size()) < k) cand = all_but(n, i);
      finish_row(points, i, cand, k, out);
    }
  });
  return out;
}

KnnResult knn(const Points& points, int k, const KnnConfig& config) {
  config.validate();
  const bool exact = config.method == KnnMethod::Exact ||
                     (config.method == KnnMethod::Auto && points.rows() <= config.exact_max_points);
  return exact ? exact_knn(points, k, config.threads) : hnsw_knn(points, k, config);
}

double knn_recall(const KnnResult& approx, const KnnResult& reference) {
  require(approx.indices.rows() == reference.indices.rows() && approx.indices.cols() == reference.indices.cols(),
          "knn_recall: the two neighbour tables differ in shape");
  const Eigen::Index n = reference.indices.rows(), k = reference.indices.cols();
  if (n == 0 || k == 0) return 1.0;
  std::int64_t hits = 0;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index c = 0; c < k; ++c)
      for (Eigen::Index e = 0; e < k; ++e)
        if (approx.indices(i, e) == reference.indices(i, c)) {
          ++hits;
          break;
        }
  return static_cast<double>(hits) / static_cast<double>(n * k);
}

}  // namespace factorlab
