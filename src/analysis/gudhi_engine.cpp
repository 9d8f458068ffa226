// factorlab/analysis/gudhi_engine.cpp — see gudhi_engine.h.
#include "factorlab/analysis/gudhi_engine.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>

#include <gudhi/Flag_complex_edge_collapser.h>
#include <gudhi/Persistent_cohomology.h>
#include <gudhi/Simplex_tree.h>

#include "factorlab/core/error.h"
#include "factorlab/core/stopwatch.h"

namespace factorlab {
namespace {

// Double filtration values (GUDHI's fast_persistence options use float), contiguous vertices 0..k-1.
struct SimplexTreeOptions {
  typedef Gudhi::linear_indexing_tag Indexing_tag;
  typedef int Vertex_handle;
  typedef double Filtration_value;
  typedef std::uint32_t Simplex_key;
  static const bool store_key = true;
  static const bool store_filtration = true;
  static const bool contiguous_vertices = true;
};
using SimplexTree = Gudhi::Simplex_tree<SimplexTreeOptions>;
using Cohomology = Gudhi::persistent_cohomology::Persistent_cohomology<SimplexTree, Gudhi::persistent_cohomology::Field_Zp>;
using FilteredEdge = std::tuple<int, int, double>;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kThresholdGridSteps = 24;


// Longest edge of a minimum spanning tree (Prim, O(k^2)): the smallest threshold with one component.
double longest_mst_edge(const DistanceMatrix& m) {
  if (m.k < 2) return 0.0;
  std::vector<double> best(m.k, kInf);
  std::vector<char> in_tree(m.k, 0);
  std::size_t v = 0;
  double longest = 0.0;
  for (std::size_t step = 1; step < m.k; ++step) {
    in_tree[v] = 1;
    std::size_t next = 0;
    double next_d = kInf;
    for (std::size_t j = 0; j < m.k; ++j) {
      if (in_tree[j]) continue;
      best[j] = std::min(best[j], m(v, j));
      if (best[j] < next_d) next_d = best[j], next = j;
    }
    longest = std::max(longest, next_d);
    v = next;
  }
  return longest;
}

std::vector<FilteredEdge> edges_up_to(const DistanceMatrix& m, double threshold) {
  std::vector<FilteredEdge> edges;
  for (std::size_t i = 0; i < m.k; ++i)
    for (std::size_t j = i + 1; j < m.k; ++j)
      if (m(i, j) <= threshold) edges.emplace_back(static_cast<int>(i), static_cast<int>(j), m(i, j));
  return edges;
}

// Number of simplices (vertices included) of the flag complex of `edges` up to `top_dim`, counting
// cliques on adjacency bitsets; stops as soon as the count exceeds `limit` (then returns limit + 1),
// so probing a threshold that is far too large costs no more than the budget.
class CliqueCounter {
 public:
  CliqueCounter(std::size_t k, const std::vector<FilteredEdge>& edges)
      : k_(k), words_((k + 63) / 64), higher_(k * words_, 0) {
    for (const auto& [u, v, f] : edges) {
      const auto lo = static_cast<std::size_t>(std::min(u, v)), hi = static_cast<std::size_t>(std::max(u, v));
      higher_[lo * words_ + hi / 64] |= 1ull << (hi % 64);
    }
  }
  std::int64_t count(int top_dim, std::int64_t limit) {
    count_ = static_cast<std::int64_t>(k_);
    limit_ = limit;
    std::vector<std::uint64_t> cand(words_);
    for (std::size_t v = 0; v < k_ && count_ <= limit_ && top_dim >= 1; ++v) {
      std::copy_n(higher_.begin() + static_cast<std::ptrdiff_t>(v * words_), words_, cand.begin());
      extend(cand, 1, top_dim);
    }
    return std::min(count_, limit_ + 1);
  }

 private:
  // cand: vertices adjacent to every vertex of the current (dim - 1)-simplex and above all of them.
  void extend(const std::vector<std::uint64_t>& cand, int dim, int top_dim) {
    std::vector<std::uint64_t> next(words_);
    for (std::size_t w = 0; w < words_; ++w)
      for (std::uint64_t bits = cand[w]; bits; bits &= bits - 1) {
        if (++count_ > limit_) return;
        if (dim == top_dim) continue;
        const std::size_t v = w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits));
        bool any = false;
        for (std::size_t x = 0; x < words_; ++x) any |= (next[x] = cand[x] & higher_[v * words_ + x]) != 0;
        if (any) extend(next, dim + 1, top_dim);
      }
  }
  std::size_t k_, words_;
  std::vector<std::uint64_t> higher_;  // [k, words]: neighbours with a larger index
  std::int64_t count_ = 0, limit_ = 0;
};

struct ThresholdProbe {  // a threshold, its (collapsed) edges and the size of their flag complex
  double threshold = 0.0;
  std::int64_t n_edges = 0;
  std::vector<FilteredEdge> edges;
  std::int64_t n_simplices = 0;  // budget + 1 when over it
};

ThresholdProbe probe(const DistanceMatrix& m, double threshold, const GudhiOptions& config) {
  ThresholdProbe c;
  c.threshold = threshold;
  c.edges = edges_up_to(m, threshold);
  c.n_edges = static_cast<std::int64_t>(c.edges.size());
  // Edge collapse keeps the persistence diagram of the flag filtration in every dimension (it may
  // delay an edge to a later filtration value).
  if (config.collapse_edges) c.edges = Gudhi::collapse::flag_complex_collapse_edges(c.edges);
  c.n_simplices = CliqueCounter(m.k, c.edges).count(config.max_dim + 1, config.max_simplices);
  return c;
}

// The auto threshold (gudhi_engine.h): the enclosing radius if it fits the budget, else bisection on a
// geometric grid from the longest MST edge up to the enclosing radius.
ThresholdProbe choose_auto(const DistanceMatrix& m, double enclosing, const GudhiOptions& config) {
  require(static_cast<std::int64_t>(m.k) <= config.max_simplices,
          "persistence: " + std::to_string(m.k) + " landmarks are more simplices than persistence.max_simplices = " +
              std::to_string(config.max_simplices) + "; raise max_simplices, lower max_points or set persistence.engine = ripser");
  ThresholdProbe top = probe(m, enclosing, config);
  if (top.n_simplices <= config.max_simplices) return top;
  const double lo = longest_mst_edge(m);
  ThresholdProbe best = probe(m, lo, config);
  require(best.n_simplices <= config.max_simplices,
          "persistence: even at the smallest automatic threshold (" + format_number(lo) +
              ", the longest minimum-spanning-tree edge) the complex has more than persistence.max_simplices = " +
              std::to_string(config.max_simplices) +
              " simplices; raise max_simplices, lower max_points or max_dim, set threshold_mode = absolute, or set "
              "persistence.engine = ripser (the whole filtration, no budget)");
  int good = 0, bad = kThresholdGridSteps;  // grid index: good fits, bad (the enclosing radius) does not
  while (bad - good > 1) {
    const int mid = (good + bad) / 2;
    const double t = lo * std::pow(enclosing / lo, static_cast<double>(mid) / kThresholdGridSteps);
    ThresholdProbe c = probe(m, t, config);
    if (c.n_simplices <= config.max_simplices) {
      good = mid;
      best = std::move(c);
    } else {
      bad = mid;
    }
  }
  return best;
}

}  // namespace

GudhiDiagram gudhi_diagram(const DistanceMatrix& m, const GudhiOptions& config) {
  Stopwatch watch;
  GudhiDiagram r;
  const double enclosing = enclosing_radius(m);

  // 1. Threshold, edges and edge collapse.
  ThresholdProbe c;
  if (config.threshold_mode == ThresholdMode::Auto) {
    c = choose_auto(m, enclosing, config);
  } else {
    c = probe(m, config.threshold_mode == ThresholdMode::Enclosing ? enclosing : config.threshold, config);
    // A clear error instead of running out of memory in the expansion.
    require(c.n_simplices <= config.max_simplices,
            "persistence: at threshold " + format_number(c.threshold) + " the complex has more than " +
                "persistence.max_simplices = " + std::to_string(config.max_simplices) +
                " simplices; raise max_simplices, lower the threshold, max_points or max_dim, use threshold_mode = auto, "
                "or persistence.engine = ripser");
  }
  r.threshold = c.threshold;
  r.exact = c.threshold >= enclosing;
  r.n_edges = c.n_edges;
  r.n_edges_kept = static_cast<std::int64_t>(c.edges.size());
  r.threshold_s = watch.lap();

  // 2. The flag complex up to dimension max_dim + 1 (a max_dim class dies by a (max_dim + 1)-simplex).
  SimplexTree st;
  for (std::size_t i = 0; i < m.k; ++i) st.insert_simplex({static_cast<int>(i)}, 0.0);
  for (const auto& [u, v, f] : c.edges) st.insert_simplex({u, v}, f);
  st.expansion(config.max_dim + 1);
  r.n_simplices = static_cast<std::int64_t>(st.num_simplices());
  r.complex_s = watch.lap();

  // 3. Persistent cohomology over Z/2. GUDHI skips the complex's top dimension unless asked; ask only
  // when that top dimension is one we report (the complex has no (max_dim + 1)-simplex).
  Cohomology pcoh(st, st.dimension() <= config.max_dim);
  pcoh.init_coefficients(2);
  pcoh.compute_persistent_cohomology(0.0);  // drops zero-length bars
  for (const auto& interval : pcoh.get_persistent_pairs()) {
    const auto birth = std::get<0>(interval), death = std::get<1>(interval);
    PersistencePair p;
    p.dim = st.dimension(birth);
    if (p.dim > config.max_dim) continue;
    p.birth = st.filtration(birth);
    p.death = death == st.null_simplex() ? kInf : st.filtration(death);
    r.pairs.push_back(p);
  }
  sort_pairs(r.pairs);
  r.persistence_s = watch.lap();
  return r;
}

}  // namespace factorlab
