// factorlab/percolation/union_find.cpp — see union_find.h.
#include "factorlab/percolation/union_find.h"

#include <stdexcept>
#include <string>
#include <utility>

namespace factorlab {

void UnionFind::reset(std::int32_t n) {
  if (n < 0) throw std::invalid_argument("UnionFind: negative size " + std::to_string(n));
  parent_.resize(static_cast<std::size_t>(n));
  size_.assign(static_cast<std::size_t>(n), 1);
  for (std::int32_t i = 0; i < n; ++i) parent_[static_cast<std::size_t>(i)] = i;
  sets_ = n;
  largest_ = n > 0 ? 1 : 0;
}

std::int32_t UnionFind::find(std::int32_t x) {
  // Path halving: every other node on the path points to its grandparent; iterative, so a long
  // chain cannot overflow the stack.
  while (parent_[static_cast<std::size_t>(x)] != x) {
    std::int32_t& p = parent_[static_cast<std::size_t>(x)];
    p = parent_[static_cast<std::size_t>(p)];
    x = p;
  }
  return x;
}

std::int32_t UnionFind::unite(std::int32_t a, std::int32_t b) {
  a = find(a);
  b = find(b);
  if (a == b) return a;
  if (size_[static_cast<std::size_t>(a)] < size_[static_cast<std::size_t>(b)]) std::swap(a, b);
  parent_[static_cast<std::size_t>(b)] = a;
  size_[static_cast<std::size_t>(a)] += size_[static_cast<std::size_t>(b)];
  if (size_[static_cast<std::size_t>(a)] > largest_) largest_ = size_[static_cast<std::size_t>(a)];
  --sets_;
  return a;
}

}  // namespace factorlab
