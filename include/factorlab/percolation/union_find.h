// factorlab/percolation/union_find.h — disjoint sets over the integers 0..n-1, for cluster labelling.
// Path compression (halving) + union by size, so a sequence of m operations costs O(m alpha(n)).
// Each root knows its set's size, which is what the largest-cluster ratio needs.
// Deliberately not: deletion, a dynamic universe, or thread safety (one instance per worker).
// Reference: Tarjan (1975); the Newman & Ziff (2001) percolation algorithm uses the same structure.
#pragma once
#include <cstdint>
#include <vector>

namespace factorlab {

class UnionFind {
 public:
  explicit UnionFind(std::int32_t n = 0) { reset(n); }

  // Back to n singletons; reuses the buffers (a trial loop calls this once per trial).
  void reset(std::int32_t n);

  std::int32_t find(std::int32_t x);
  // Merges the sets of a and b; returns the root of the merged set.
  std::int32_t unite(std::int32_t a, std::int32_t b);
  bool same(std::int32_t a, std::int32_t b) { return find(a) == find(b); }
  std::int32_t set_size(std::int32_t x) { return size_[static_cast<std::size_t>(find(x))]; }

  std::int32_t elements() const { return static_cast<std::int32_t>(parent_.size()); }
  std::int32_t sets() const { return sets_; }        // number of disjoint sets
  std::int32_t largest() const { return largest_; }  // size of the largest set (0 when n = 0)

 private:
  std::vector<std::int32_t> parent_, size_;
  std::int32_t sets_ = 0, largest_ = 0;
};

}  // namespace factorlab
